import { createHash } from 'node:crypto';

import type { SignalQuery } from '../../signals/signal.types.js';
import type { AlertRuleEntity } from '../entities/alert-rule.entity.js';

/** An alert's labels: the rule's own, then `alertname` and `severity` (which the rule's labels cannot override). */
export function alertLabels(rule: Pick<AlertRuleEntity, 'name' | 'severity' | 'labels'>): Record<string, string> {
  return { ...rule.labels, alertname: rule.name, severity: rule.severity };
}

/** Stable across evaluations and instances: rule id plus the labels sorted by name, hashed. */
export function alertFingerprint(ruleId: string, labels: Record<string, string>): string {
  const sorted = Object.keys(labels)
    .sort()
    .map((name) => [name, labels[name]]);
  return createHash('sha256').update(ruleId).update('\0').update(JSON.stringify(sorted)).digest('hex').slice(0, 16);
}

/** What a rule asks the signal reader. */
export function signalQueryOf(rule: AlertRuleEntity): SignalQuery {
  return {
    signal: rule.signal,
    aggregation: rule.aggregation,
    window: rule.window,
    ...(rule.route !== null && { route: rule.route }),
    ...(rule.method !== null && { method: rule.method }),
    ...(rule.metric !== null && { metric: rule.metric, labels: rule.metricLabels }),
  };
}
