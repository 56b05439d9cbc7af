import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';

import { RequireScopes, Scope } from '../../security/index.js';
import { MonitoringException, MonitoringExceptionCode } from '../monitoring.exception.js';
import { LiveStreamService } from './live-stream.service.js';

@ApiTags('monitoring')
@ApiBearerAuth()
@Controller({ path: 'monitoring', version: '1' })
export class LiveStreamController {
  constructor(private readonly streams: LiveStreamService) {}

  @Get('stream')
  @RequireScopes(Scope.MONITORING_READ)
  @ApiProduces('text/event-stream')
  @ApiOperation({
    summary:
      'Server-sent events: one `tick` per MONITORING_STREAM_INTERVAL_MS with requests (rps, error rate, p50/p95/p99 over 1 m), the five busiest routes, the process, cache hit ratio, DB pool, alerts and GPU. Send `Accept: text/event-stream`.',
  })
  @ApiServiceUnavailableResponse({ description: 'MONITORING.STREAM_CAPACITY, with Retry-After: the instance serves as many streams as it allows.' })
  stream(@Req() request: Request, @Res() response: Response): void {
    // A stream never ends by itself: only a client that asked for one gets it (a stray JSON client gets a 406 problem
    // instead of a response that hangs).
    if (!(request.headers.accept ?? '').includes('text/event-stream')) {
      throw new MonitoringException(MonitoringExceptionCode.STREAM_NOT_ACCEPTABLE, 'This route answers only `Accept: text/event-stream`.');
    }
    this.streams.open(response);
  }
}
