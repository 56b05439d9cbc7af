import { Injectable, Logger } from '@nestjs/common';

import { randomUUID } from 'node:crypto';

import { SignalReader } from '../../signals/signal.types.js';
import type { AlertRuleEntity } from '../entities/alert-rule.entity.js';
import type { AlertEntity } from '../entities/alert.entity.js';
import { AlertRuleRepository } from '../rules/alert-rule.repository.js';
import { alertFingerprint, alertLabels, signalQueryOf } from './alert-labels.js';
import { conditionHolds, nextAlertState, type CurrentAlert } from './alert-state.js';
import { renderAnnotations } from './alert-template.js';
import { AlertRepository } from './alert.repository.js';

function newAlert(ruleId: string, fingerprint: string, labels: Record<string, string>, activeAt: Date, now: Date): AlertEntity {
  return {
    id: randomUUID(),
    ruleId,
    fingerprint,
    state: 'pending',
    value: null,
    activeAt,
    firedAt: null,
    resolvedAt: null,
    lastEvaluatedAt: now,
    lastNotifiedAt: null,
    deliveries: {},
    labels,
    annotations: {},
  };
}

/** One pass of the rule engine: reads each enabled rule's signal and moves its alert through the state machine. */
@Injectable()
export class AlertEvaluator {
  private readonly logger = new Logger(AlertEvaluator.name);

  constructor(
    private readonly alerts: AlertRepository,
    private readonly rules: AlertRuleRepository,
    private readonly signals: SignalReader,
  ) {}

  async evaluate(now: Date): Promise<void> {
    const active = new Map((await this.alerts.findActive()).map((alert) => [alert.ruleId, alert]));
    for (const rule of await this.rules.findAll()) {
      const current = active.get(rule.id) ?? null;
      if (rule.enabled) {
        await this.evaluateRule(rule, current, now);
      } else if (current !== null) {
        await this.retire(current, now);
      }
    }
  }

  private async evaluateRule(rule: AlertRuleEntity, active: AlertEntity | null, now: Date): Promise<void> {
    const labels = alertLabels(rule);
    const fingerprint = alertFingerprint(rule.id, labels);
    let current = active;
    // New labels (renamed rule, other severity) make another alert, as in Prometheus: the old one ends here.
    if (current !== null && current.fingerprint !== fingerprint) {
      await this.retire(current, now);
      current = null;
    }
    const value = await this.read(rule);
    const before: CurrentAlert = current === null ? { state: 'inactive', activeAt: null } : { state: current.state as 'pending' | 'firing', activeAt: current.activeAt };
    const next = nextAlertState(before, conditionHolds(value, rule.comparator, rule.threshold), now, rule.forMs);
    if (next.transition === 'cleared' && current !== null) {
      await this.alerts.deleteById(current.id);
      return;
    }
    if (next.state === 'inactive' || next.activeAt === null) {
      return;
    }
    const alert = current ?? newAlert(rule.id, fingerprint, labels, next.activeAt, now);
    alert.state = next.state;
    alert.value = value ?? alert.value;
    alert.lastEvaluatedAt = now;
    alert.firedAt = next.state === 'firing' && alert.firedAt === null ? now : alert.firedAt;
    alert.resolvedAt = next.state === 'resolved' ? now : null;
    alert.labels = labels;
    alert.annotations = renderAnnotations(rule.annotations, alert.value, labels);
    await (current === null ? this.alerts.insert(alert) : this.alerts.save(alert));
  }

  /** A pending alert of a disabled (or relabelled) rule disappears and a firing one resolves, so receivers hear it ended. */
  private async retire(alert: AlertEntity, now: Date): Promise<void> {
    if (alert.state === 'pending') {
      await this.alerts.deleteById(alert.id);
      return;
    }
    await this.alerts.save({ ...alert, state: 'resolved', resolvedAt: now, lastEvaluatedAt: now });
  }

  /** A signal that cannot be read counts as no data: the alert keeps its state rather than flapping. */
  private async read(rule: AlertRuleEntity): Promise<number | null> {
    try {
      return await this.signals.read(signalQueryOf(rule));
    } catch (error) {
      this.logger.warn(`Alert rule ${rule.name}: reading ${rule.signal} failed: ${(error as Error).message}`);
      return null;
    }
  }
}
