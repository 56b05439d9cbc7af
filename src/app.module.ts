import { CommonModule, ContentTypeGuard, createValidationPipe, loggerParams, ProblemDetailsFilter, RedisModule } from '@app/common';
import { AppConfig, ConfigModule } from '@app/config';
import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { LoggerModule } from 'nestjs-pino';

import { CacheModule } from './modules/cache/index.js';
import { CdnModule } from './modules/cdn/index.js';
import { DatabaseModule } from './modules/database/index.js';
import { GpuModule } from './modules/gpu/index.js';
import { HealthModule } from './modules/health/index.js';
import { MonitoringModule } from './modules/monitoring/index.js';
import { SecurityModule } from './modules/security/index.js';
import { SystemModule } from './modules/system/index.js';
import { ThreatModule } from './modules/threat/index.js';
import { SCHEMA } from './schema.js';

@Module({
  imports: [
    CacheModule,
    CdnModule,
    CommonModule,
    ConfigModule,
    DatabaseModule.forRoot(SCHEMA),
    EventEmitterModule.forRoot(),
    GpuModule,
    HealthModule,
    LoggerModule.forRootAsync({ inject: [AppConfig], useFactory: loggerParams }),
    MonitoringModule,
    RedisModule,
    SecurityModule,
    // After SecurityModule: global guards run in registration order, and inspection comes after auth and limits.
    ThreatModule,
    SystemModule,
  ],
  providers: [
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
    { provide: APP_GUARD, useClass: ContentTypeGuard },
    { provide: APP_PIPE, useFactory: createValidationPipe },
  ],
})
export class AppModule {}
