import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';

import { RequireScopes, Scope } from '../../security/index.js';
import { ScalingQueryDto } from './dto/scaling-query.dto.js';
import { ScalingService, type ScalingView } from './scaling.service.js';

@ApiTags('monitoring')
@ApiBearerAuth()
@Controller({ path: 'monitoring/scaling', version: '1' })
export class ScalingController {
  constructor(private readonly scaling: ScalingService) {}

  @Get()
  @RequireScopes(Scope.MONITORING_READ)
  @ApiOperation({
    summary:
      'HPA-style replica advice over the last 5 minutes: ceil(replicas × observed / target) for CPU, event-loop utilisation, p95 vs the SLO and database pool waits; the largest wins, within a ±10% tolerance and min/max replicas.',
  })
  advise(@Query() query: ScalingQueryDto): ScalingView {
    return this.scaling.advise(query.replicas);
  }
}
