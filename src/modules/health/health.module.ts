import { AppConfig } from '@app/config';
import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';

import { CdnModule } from '../cdn/index.js';
import { DatabaseHealthIndicator } from './database.health.js';
import { HealthController } from './health.controller.js';
import { MigrationsHealthIndicator } from './migrations.health.js';
import { RedisHealthIndicator } from './redis.health.js';
import { GracefulShutdown } from './graceful-shutdown.service.js';

/** `/health/live|ready|startup` and graceful shutdown (readiness fails at once on SIGTERM, then drain). */
@Module({
  controllers: [HealthController],
  exports: [DatabaseHealthIndicator, RedisHealthIndicator],
  imports: [
    CdnModule,
    TerminusModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ errorLogStyle: 'json', gracefulShutdownTimeoutMs: config.shutdown.drainDelayMs }),
    }),
  ],
  providers: [DatabaseHealthIndicator, GracefulShutdown, MigrationsHealthIndicator, RedisHealthIndicator],
})
export class HealthModule {}
