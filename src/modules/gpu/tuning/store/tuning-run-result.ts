import type { ObjectivePick } from '../analysis/objective-picks.js';
import type { TuningReport } from '../analysis/tuning-report.js';

/** A finished run: the report, and for auto-optimise the budget it kept to and its pick per objective. */
export interface TuningRunResult extends TuningReport {
  accuracyBudget?: number;
  picks?: ObjectivePick[];
}
