import { SignalReader, type SignalQuery } from '../../signals/signal.types.js';
import type { AlertRuleEntity } from '../entities/alert-rule.entity.js';
import type { AlertEntity } from '../entities/alert.entity.js';
import type { AlertRuleRepository } from '../rules/alert-rule.repository.js';
import { AlertEvaluator } from './alert-evaluator.service.js';
import type { AlertRepository } from './alert.repository.js';

const T0 = new Date('2026-01-01T00:00:00.000Z');
const at = (ms: number): Date => new Date(T0.getTime() + ms);

class FakeSignals extends SignalReader {
  value: number | null | Error = null;
  readonly queries: SignalQuery[] = [];

  read(query: SignalQuery): Promise<number | null> {
    this.queries.push(query);
    return this.value instanceof Error ? Promise.reject(this.value) : Promise.resolve(this.value);
  }
}

function rule(overrides: Partial<AlertRuleEntity> = {}): AlertRuleEntity {
  return {
    id: 'r1',
    name: 'High',
    signal: 'http.error_rate',
    aggregation: 'value',
    window: '5m',
    route: '/v1/x',
    method: 'GET',
    metric: null,
    metricLabels: {},
    comparator: '>',
    threshold: 0.5,
    forMs: 60_000,
    severity: 'critical',
    labels: { team: 'core' },
    annotations: { summary: '{{ $labels.alertname }} at {{ $value }}' },
    channelIds: [],
    repeatIntervalMs: null,
    enabled: true,
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

describe(AlertEvaluator.name, () => {
  let rows: Map<string, AlertEntity>;
  let rules: AlertRuleEntity[];
  let signals: FakeSignals;
  let evaluator: AlertEvaluator;
  const states = (): string[] => [...rows.values()].map((alert) => alert.state);

  beforeEach(() => {
    rows = new Map();
    rules = [rule()];
    signals = new FakeSignals();
    const store = (alert: AlertEntity): Promise<void> => {
      rows.set(alert.id, { ...alert });
      return Promise.resolve();
    };
    const alerts = {
      findActive: () => Promise.resolve([...rows.values()].filter((a) => a.state !== 'resolved').map((a) => ({ ...a }))),
      insert: store,
      save: store,
      deleteById: (id: string) => Promise.resolve(void rows.delete(id)),
    } as unknown as AlertRepository;
    evaluator = new AlertEvaluator(alerts, { findAll: () => Promise.resolve(rules) } as unknown as AlertRuleRepository, signals);
  });

  describe('evaluate', () => {
    it('reads the rule signal, goes pending, fires once `for` has elapsed, and resolves', async () => {
      signals.value = 0.9;
      await evaluator.evaluate(T0);
      expect(signals.queries[0]).toEqual({ signal: 'http.error_rate', aggregation: 'value', window: '5m', route: '/v1/x', method: 'GET' });
      expect(states()).toEqual(['pending']);

      await evaluator.evaluate(at(60_000));
      const [alert] = rows.values();
      expect(alert).toMatchObject({ state: 'firing', activeAt: T0, firedAt: at(60_000), value: 0.9 });
      expect(alert!.labels).toEqual({ team: 'core', alertname: 'High', severity: 'critical' });
      expect(alert!.annotations).toEqual({ summary: 'High at 0.9' });

      signals.value = 0.1;
      await evaluator.evaluate(at(75_000));
      expect([...rows.values()][0]).toMatchObject({ state: 'resolved', resolvedAt: at(75_000), value: 0.1 });
    });

    it('forgets a pending alert whose condition clears', async () => {
      signals.value = 0.9;
      await evaluator.evaluate(T0);
      signals.value = 0;
      await evaluator.evaluate(at(15_000));

      expect(rows.size).toBe(0);
    });

    it('keeps the state and last value when there is no data or the read fails', async () => {
      rules = [rule({ forMs: 0 })];
      signals.value = 0.9;
      await evaluator.evaluate(T0);
      signals.value = null;
      await evaluator.evaluate(at(15_000));
      signals.value = new Error('registry unavailable');
      await evaluator.evaluate(at(30_000));

      expect([...rows.values()][0]).toMatchObject({ state: 'firing', value: 0.9, lastEvaluatedAt: at(30_000) });
    });

    it('resolves the alert and starts another when the rule labels change', async () => {
      rules = [rule({ forMs: 0 })];
      signals.value = 0.9;
      await evaluator.evaluate(T0);
      rules = [rule({ forMs: 0, severity: 'warning' })];
      await evaluator.evaluate(at(15_000));

      const [old, next] = rows.values();
      expect(old).toMatchObject({ state: 'resolved', labels: { severity: 'critical' } });
      expect(next).toMatchObject({ state: 'firing', labels: { severity: 'warning' } });
      expect(next!.fingerprint).not.toBe(old!.fingerprint);
    });

    it('resolves a firing alert when its rule is disabled, without reading the signal', async () => {
      rules = [rule({ forMs: 0 })];
      signals.value = 0.9;
      await evaluator.evaluate(T0);
      rules = [rule({ forMs: 0, enabled: false })];
      await evaluator.evaluate(at(15_000));

      expect(signals.queries).toHaveLength(1);
      expect(states()).toEqual(['resolved']);
    });
  });
});
