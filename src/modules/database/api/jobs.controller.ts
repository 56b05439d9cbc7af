import { RequireScopeNames } from '@app/common';
import { Controller, Get, type MessageEvent, Param, ParseUUIDPipe, Sse } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { distinctUntilChanged, from, interval, map, startWith, switchMap, takeWhile, type Observable } from 'rxjs';

import { DatabaseException, DatabaseExceptionCode } from '../database.exception.js';
import { JobQueue, type JobStatus } from '../jobs/job-queue.service.js';
import { JobStatusDto } from './dto/job-status.dto.js';

const POLL_MS = 500;
const QUEUE = /^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*$/;

@ApiTags('jobs')
@ApiBearerAuth()
// `Scope.DB_READ` (see database-observability.controller.ts for why it is spelled out).
@RequireScopeNames('db:read')
@Controller({ path: 'jobs', version: '1' })
export class JobsController {
  constructor(private readonly jobs: JobQueue) {}

  @Get(':queue/:id')
  @ApiOperation({ summary: 'A background job\'s state, progress (0–100, with what it is doing), retries and output.' })
  @ApiOkResponse({ type: JobStatusDto })
  async status(@Param('queue') queue: string, @Param('id', ParseUUIDPipe) id: string): Promise<JobStatus> {
    return this.found(queue, id, await this.jobs.status(checkedQueue(queue), id));
  }

  @Sse(':queue/:id/events')
  @ApiOperation({ summary: 'Server-sent events: the job\'s status each time it changes, until it completes or fails.' })
  async events(@Param('queue') queue: string, @Param('id', ParseUUIDPipe) id: string): Promise<Observable<MessageEvent>> {
    const first = this.found(queue, id, await this.jobs.status(checkedQueue(queue), id));
    return interval(POLL_MS).pipe(
      switchMap(() => from(this.jobs.status(queue, id))),
      startWith(first),
      map((status) => status ?? { ...first, done: true }),
      distinctUntilChanged((a, b) => JSON.stringify(a) === JSON.stringify(b)),
      takeWhile((status) => !status.done, true),
      map((status): MessageEvent => ({ data: status, type: status.done ? 'done' : 'progress' })),
    );
  }

  private found(queue: string, id: string, status: JobStatus | null): JobStatus {
    if (status === null) {
      throw new DatabaseException(DatabaseExceptionCode.JOB_NOT_FOUND, `No job ${id} on queue ${queue}.`);
    }
    return status;
  }
}

function checkedQueue(queue: string): string {
  if (!QUEUE.test(queue)) {
    throw new DatabaseException(DatabaseExceptionCode.INVALID_QUEUE, 'Queues are named <module>.<job> in lower case.');
  }
  return queue;
}
