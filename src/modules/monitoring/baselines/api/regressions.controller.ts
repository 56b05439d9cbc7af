import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';

import { RequireScopes, Scope } from '../../../security/index.js';
import type { Regression } from '../regressions/regression.js';
import { RegressionTracker } from '../regressions/regression-tracker.service.js';

export interface RegressionsView {
  /** The baseline compared against; null when none was captured. */
  baselineId: string | null;
  generatedAt: string;
  /** Every figure above its threshold now, worst ratio first; `sustained` ones make their route count as regressed. */
  items: Regression[];
}

@ApiTags('monitoring')
@ApiBearerAuth()
@Controller({ path: 'monitoring/regressions', version: '1' })
export class RegressionsController {
  constructor(private readonly tracker: RegressionTracker) {}

  @Get()
  @RequireScopes(Scope.MONITORING_READ)
  @ApiOperation({
    summary:
      "Routes whose 5-minute p95, p99 or error rate is above the active baseline × (1 + MONITORING_REGRESSION_MARGIN), with when it began and whether it has lasted MONITORING_REGRESSION_SUSTAIN_MS.",
  })
  list(): RegressionsView {
    // Compared on request, so the answer reflects the window now rather than the last tick.
    return { baselineId: this.tracker.activeBaselineId(), generatedAt: new Date().toISOString(), items: this.tracker.evaluate() };
  }
}
