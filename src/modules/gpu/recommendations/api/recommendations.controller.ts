import type { Page } from '@app/common';
import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';

import { CurrentPrincipal, principalKey, RequireScopes, Scope, type Principal } from '../../../security/index.js';
import { RecommendationDismissal } from '../engine/recommendation-dismissal.service.js';
import type { EvaluationSummary } from '../engine/recommendation-engine.service.js';
import { RecommendationScheduler } from '../engine/recommendation-scheduler.service.js';
import { RecommendationRepository } from '../store/recommendation.repository.js';
import { DismissRecommendationDto } from './dto/dismiss-recommendation.dto.js';
import { ListRecommendationsQueryDto } from './dto/list-recommendations-query.dto.js';
import { toRecommendationView, type RecommendationView } from './recommendation-view.js';

@ApiTags('gpu')
@ApiBearerAuth()
@Controller({ path: 'gpu/recommendations', version: '1' })
export class RecommendationsController {
  constructor(
    private readonly dismissal: RecommendationDismissal,
    private readonly recommendations: RecommendationRepository,
    private readonly scheduler: RecommendationScheduler,
  ) {}

  @Get()
  @RequireScopes(Scope.GPU_READ)
  @ApiOperation({ summary: 'Recommendations with their evidence, newest first; `?status=&deviceId=&rule=&limit=&cursor=`.' })
  async list(@Query() query: ListRecommendationsQueryDto): Promise<Page<RecommendationView>> {
    const page = await this.recommendations.listPage(query.limit, query.cursor, { status: query.status, deviceId: query.deviceId, rule: query.rule });
    return { items: page.items.map(toRecommendationView), nextCursor: page.nextCursor };
  }

  @Post('evaluate')
  @HttpCode(HttpStatus.OK)
  @RequireScopes(Scope.GPU_WRITE)
  @ApiOperation({ summary: 'Evaluate every device now (normally every 5 minutes): per device, which rules hold and whether utilisation was judged (not for MIG).' })
  evaluate(): Promise<EvaluationSummary> {
    return this.scheduler.evaluateNow();
  }

  @Get(':id')
  @RequireScopes(Scope.GPU_READ)
  @ApiOperation({ summary: 'One recommendation with its evidence (window, coverage, statistics, thresholds, rule version and source).' })
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<RecommendationView> {
    return toRecommendationView(await this.recommendations.getByIdOrThrow(id));
  }

  @Post(':id/dismiss')
  @HttpCode(HttpStatus.OK)
  @RequireScopes(Scope.GPU_WRITE)
  @ApiOperation({ summary: 'Dismiss an open recommendation with a reason; it is not reopened while its finding keeps holding (409 when not open).' })
  async dismiss(@Param('id', ParseUUIDPipe) id: string, @Body() body: DismissRecommendationDto, @CurrentPrincipal() principal: Principal): Promise<RecommendationView> {
    return toRecommendationView(await this.dismissal.dismiss(id, principalKey(principal), body.reason));
  }
}
