import { Public } from '@app/common';
import { Controller, Get, Header, HttpStatus, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { HealthCheckService, type HealthCheckResult, type HealthIndicatorFunction } from '@nestjs/terminus';
import type { Response } from 'express';

import { CacheHealthIndicator } from '../cache/index.js';
import { AssetStorageHealthIndicator } from '../cdn/index.js';
import { DatabaseHealthIndicator } from './database.health.js';
import { MigrationsHealthIndicator } from './migrations.health.js';
import { RedisHealthIndicator } from './redis.health.js';

@ApiTags('health')
@Public()
// Probes and scrapes are never rate-limited: a limited probe would take a healthy instance out of service.
@SkipThrottle()
@Controller('health')
export class HealthController {
  constructor(
    private readonly assetStorage: AssetStorageHealthIndicator,
    private readonly cache: CacheHealthIndicator,
    private readonly database: DatabaseHealthIndicator,
    private readonly health: HealthCheckService,
    private readonly migrations: MigrationsHealthIndicator,
    private readonly redis: RedisHealthIndicator,
  ) {}

  @Get('live')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Liveness: the process can serve. Stays 200 while draining.' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: database reachable (503 if not); Redis down only degrades (200, status degraded), as do an open cache breaker and an unreachable asset storage.' })
  ready(@Res({ passthrough: true }) response: Response): Promise<HealthCheckResult> {
    return this.run(response, [() => this.database.check(), () => this.redis.check(), () => this.cache.check(), () => this.assetStorage.check()]);
  }

  @Get('startup')
  @ApiOperation({ summary: 'Startup: migrations applied and warm-up finished.' })
  startup(@Res({ passthrough: true }) response: Response): Promise<HealthCheckResult> {
    return this.run(response, [() => this.migrations.check()]);
  }

  /** Probes answer with terminus' body on 503 too, not problem+json: orchestrators and humans read the details. */
  private async run(response: Response, indicators: HealthIndicatorFunction[]): Promise<HealthCheckResult> {
    response.setHeader('Cache-Control', 'no-store');
    try {
      return await this.health.check(indicators);
    } catch (error) {
      if (error instanceof ServiceUnavailableException) {
        response.status(HttpStatus.SERVICE_UNAVAILABLE);
        return error.getResponse() as HealthCheckResult;
      }
      throw error;
    }
  }
}
