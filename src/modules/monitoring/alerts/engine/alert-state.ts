import type { Comparator } from '../entities/alert-rule.entity.js';

/** An alert's state for the rule engine; `inactive` is the absence of an alert row. */
export type EngineState = 'inactive' | 'pending' | 'firing';

export interface CurrentAlert {
  state: EngineState;
  /** When the condition began to hold; null while inactive. */
  activeAt: Date | null;
}

export type Transition = 'none' | 'activated' | 'fired' | 'cleared' | 'resolved';

export interface NextAlert {
  /** `resolved` ends the activation: the row keeps it, the next activation is a new alert. */
  state: EngineState | 'resolved';
  activeAt: Date | null;
  transition: Transition;
}

/** `value comparator threshold`; a null value (no data) is neither true nor false. */
export function conditionHolds(value: number | null, comparator: Comparator, threshold: number): boolean | null {
  if (value === null || Number.isNaN(value)) {
    return null;
  }
  switch (comparator) {
    case '>':
      return value > threshold;
    case '>=':
      return value >= threshold;
    case '<':
      return value < threshold;
    case '<=':
      return value <= threshold;
    case '==':
      return value === threshold;
    case '!=':
      return value !== threshold;
  }
}

/**
 * Prometheus' alerting state machine: inactive → pending (condition true, `forMs` not yet elapsed; `forMs` 0 goes
 * straight to firing) → firing → resolved when the condition is false; a pending alert that clears goes back to
 * inactive without ever being notified. `condition === null` (no data) keeps the current state, so a quiet
 * service neither fires nor resolves its alerts.
 */
export function nextAlertState(current: CurrentAlert, condition: boolean | null, now: Date, forMs: number): NextAlert {
  const keep: NextAlert = { state: current.state, activeAt: current.activeAt, transition: 'none' };
  if (condition === null) {
    return keep;
  }
  switch (current.state) {
    case 'inactive':
      if (!condition) {
        return keep;
      }
      return forMs <= 0 ? { state: 'firing', activeAt: now, transition: 'fired' } : { state: 'pending', activeAt: now, transition: 'activated' };
    case 'pending': {
      if (!condition) {
        return { state: 'inactive', activeAt: null, transition: 'cleared' };
      }
      const since = current.activeAt ?? now;
      return now.getTime() - since.getTime() >= forMs ? { state: 'firing', activeAt: since, transition: 'fired' } : { ...keep, activeAt: since };
    }
    case 'firing':
      return condition ? keep : { state: 'resolved', activeAt: current.activeAt, transition: 'resolved' };
  }
}
