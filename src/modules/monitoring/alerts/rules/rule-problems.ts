import type { FieldError } from '@app/common';

import { SIGNAL_AGGREGATIONS, type Aggregation, type Signal } from '../../signals/signal.types.js';

export interface RuleShape {
  signal: Signal;
  aggregation: Aggregation;
  route: string | null;
  method: string | null;
  metric: string | null;
  metricLabels: Record<string, string>;
}

/** What a rule's fields say together that no single field's validation can: the signal decides the rest. */
export function ruleProblems(rule: RuleShape): FieldError[] {
  const problems: FieldError[] = [];
  const allowed = SIGNAL_AGGREGATIONS[rule.signal];
  if (!allowed.includes(rule.aggregation)) {
    problems.push({ field: 'aggregation', message: `${rule.signal} supports ${allowed.join(', ')}` });
  }
  const isHttp = rule.signal.startsWith('http.');
  if (!isHttp && rule.route !== null) {
    problems.push({ field: 'route', message: 'only http.* signals take a route' });
  }
  if (rule.method !== null && (!isHttp || rule.route === null)) {
    problems.push({ field: 'method', message: 'a method needs an http.* signal and a route' });
  }
  if (rule.signal === 'metric' && rule.metric === null) {
    problems.push({ field: 'metric', message: 'the metric signal needs a metric name' });
  }
  if (rule.signal !== 'metric' && (rule.metric !== null || Object.keys(rule.metricLabels).length > 0)) {
    problems.push({ field: 'metric', message: 'only the metric signal takes metric and metricLabels' });
  }
  return problems;
}
