import type { Page } from '@app/common';
import { Controller, Get, type MessageEvent, Param, ParseUUIDPipe, Query, Sse } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { distinctUntilChanged, from, interval, map, startWith, switchMap, takeWhile, type Observable } from 'rxjs';

import { RequireScopes, Scope } from '../../../security/index.js';
import type { ProviderStatus } from '../analysis/tuning-report.js';
import { ExecutionProviderProbe } from '../engine/execution-provider.probe.js';
import { TuningRunsService } from '../tuning-runs.service.js';
import { TuningRunsQueryDto } from './dto/tuning-runs-query.dto.js';
import type { TuningRunView } from './tuning-run-view.js';

const POLL_MS = 500;
const finished = (run: TuningRunView): boolean => run.status === 'completed' || run.status === 'failed';

@ApiTags('gpu')
@ApiBearerAuth()
@RequireScopes(Scope.GPU_READ)
@Controller({ path: 'gpu', version: '1' })
export class TuningRunsController {
  constructor(
    private readonly probe: ExecutionProviderProbe,
    private readonly runs: TuningRunsService,
  ) {}

  @Get('execution-providers')
  @ApiOperation({ summary: 'Which onnxruntime execution providers can open a session here (CPU, CUDA), and why not.' })
  providers(): Promise<ProviderStatus[]> {
    return this.probe.all();
  }

  @Get('tuning-runs')
  @ApiOperation({ summary: 'Benchmark and auto-optimise runs, newest first (`?modelId=&limit=&cursor=`), without their results.' })
  list(@Query() query: TuningRunsQueryDto): Promise<Page<TuningRunView>> {
    return this.runs.list(query.limit, query.cursor, query.modelId);
  }

  @Get('tuning-runs/:id')
  @ApiOperation({ summary: 'One run: progress while it runs; then every measurement, the Pareto set, picks and the decision trace.' })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<TuningRunView> {
    return this.runs.get(id);
  }

  @Sse('tuning-runs/:id/events')
  @ApiOperation({ summary: 'Server-sent events: `progress` each time the run moves, then one `done` with the whole run.' })
  async events(@Param('id', ParseUUIDPipe) id: string): Promise<Observable<MessageEvent>> {
    const first = await this.runs.get(id);
    return interval(POLL_MS).pipe(
      switchMap(() => from(this.runs.get(id))),
      startWith(first),
      distinctUntilChanged((a, b) => a.status === b.status && a.progress?.percent === b.progress?.percent && a.progress?.message === b.progress?.message),
      takeWhile((run) => !finished(run), true),
      map((run): MessageEvent => (finished(run) ? { data: run, type: 'done' } : { data: { progress: run.progress, status: run.status }, type: 'progress' })),
    );
  }
}
