import type { WindowName } from '../../signals/request-stats.js';
import type { Aggregation, Signal } from '../../signals/signal.types.js';
import type { Comparator, Severity } from '../entities/alert-rule.entity.js';

/** A rule's writable fields as create (all required ones present) and update (any subset) receive them. */
export interface RuleInput {
  name?: string;
  signal?: Signal;
  aggregation?: Aggregation;
  window?: WindowName;
  route?: string | null;
  method?: string | null;
  metric?: string | null;
  metricLabels?: Record<string, string>;
  comparator?: Comparator;
  threshold?: number;
  forMs?: number;
  severity?: Severity;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  channelIds?: string[];
  repeatIntervalMs?: number | null;
  enabled?: boolean;
}
