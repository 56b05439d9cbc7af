import type { BaselineRoute } from '../baseline-route.js';
import type { RegressionMetric } from './regression-rules.js';

/** One figure of one route above its baseline's threshold, as the API and the summary show it. */
export interface Regression {
  method: string;
  route: string;
  metric: RegressionMetric;
  /** The figure in the active baseline, the 5-minute window now, and the value it must stay under. */
  baseline: number;
  current: number;
  threshold: number;
  /** current / baseline; null when the baseline is 0 (an error rate that was nil). */
  ratio: number | null;
  /** When it first went above, in this uninterrupted stretch. */
  since: string;
  /** Above for at least MONITORING_REGRESSION_SUSTAIN_MS: only then does the route count as regressed. */
  sustained: boolean;
  baselineId: string;
}

/** What the tracker compares against: the active baseline's routes. */
export interface ActiveBaseline {
  id: string;
  activatedAt: Date;
  routes: readonly BaselineRoute[];
}
