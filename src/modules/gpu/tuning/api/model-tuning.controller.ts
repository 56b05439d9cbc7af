import { Body, Controller, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';

import { CurrentPrincipal, principalKey, RequireScopes, Scope, type Principal } from '../../../security/index.js';
import { autoOptimizeRequest, benchmarkRequest } from '../plan/tuning-defaults.js';
import { TuningRunsService } from '../tuning-runs.service.js';
import { AutoOptimizeRequestDto } from './dto/auto-optimize-request.dto.js';
import { BenchmarkRequestDto } from './dto/benchmark-request.dto.js';
import type { TuningRunView } from './tuning-run-view.js';

@ApiTags('gpu')
@ApiBearerAuth()
@Controller({ path: 'models/:id', version: '1' })
export class ModelTuningController {
  constructor(private readonly runs: TuningRunsService) {}

  @Post('benchmarks')
  @HttpCode(HttpStatus.ACCEPTED)
  @RequireScopes(Scope.GPU_WRITE)
  @ApiOperation({ summary: 'Queue a benchmark: candidates × providers × graph levels × threads × batch sizes; p50/p95/p99, throughput, memory, error and the Pareto set.' })
  @ApiAcceptedResponse({ description: 'The run; follow it at links.events (SSE) or links.self.' })
  benchmark(@Param('id', ParseUUIDPipe) id: string, @Body() body: BenchmarkRequestDto, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) response: Response): Promise<TuningRunView> {
    return this.accepted(response, this.runs.submit('benchmark', id, benchmarkRequest(body), principalKey(principal) ?? 'anonymous'));
  }

  @Post('auto-optimize')
  @HttpCode(HttpStatus.ACCEPTED)
  @RequireScopes(Scope.GPU_WRITE)
  @ApiOperation({ summary: 'Queue auto-optimise: a benchmark, then the best candidate per objective within the accuracy budget, kept as model variants, with the decision trace.' })
  @ApiAcceptedResponse({ description: 'The run; follow it at links.events (SSE) or links.self.' })
  autoOptimize(@Param('id', ParseUUIDPipe) id: string, @Body() body: AutoOptimizeRequestDto, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) response: Response): Promise<TuningRunView> {
    return this.accepted(response, this.runs.submit('auto-optimize', id, autoOptimizeRequest(body), principalKey(principal) ?? 'anonymous'));
  }

  private async accepted(response: Response, submitted: Promise<TuningRunView>): Promise<TuningRunView> {
    const run = await submitted;
    response.location(run.links.self);
    return run;
  }
}
