import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';

import { RequireScopes, Scope } from '../../security/index.js';
import { SummaryQueryDto } from './dto/summary-query.dto.js';
import type { MonitoringSummary } from './monitoring-summary.js';
import { MonitoringSummaryService } from './monitoring-summary.service.js';

@ApiTags('monitoring')
@ApiBearerAuth()
@Controller({ path: 'monitoring', version: '1' })
export class MonitoringSummaryController {
  constructor(private readonly summaries: MonitoringSummaryService) {}

  @Get('summary')
  @RequireScopes(Scope.MONITORING_READ)
  @ApiOperation({ summary: 'Requests per route (rps, error rate, p50/p95/p99) over a sliding window; CPU, memory, event loop; pool, cache hit ratio, threat detections.' })
  summary(@Query() query: SummaryQueryDto): Promise<MonitoringSummary> {
    return this.summaries.summary(query.window, query.routes);
  }
}
