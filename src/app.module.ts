import { CommonModule, ContentTypeGuard, createValidationPipe, loggerParams, ProblemDetailsFilter, RedisModule } from '@app/common';
import { AppConfig, ConfigModule } from '@app/config';
import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';

import { DatabaseModule } from './modules/database/index.js';
import { HealthModule } from './modules/health/index.js';
import { MonitoringModule } from './modules/monitoring/index.js';
import { SystemModule } from './modules/system/index.js';
import { SCHEMA } from './schema.js';

@Module({
  imports: [
    CommonModule,
    ConfigModule,
    DatabaseModule.forRoot(SCHEMA),
    HealthModule,
    LoggerModule.forRootAsync({ inject: [AppConfig], useFactory: loggerParams }),
    MonitoringModule,
    RedisModule,
    SystemModule,
  ],
  providers: [
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
    { provide: APP_GUARD, useClass: ContentTypeGuard },
    { provide: APP_PIPE, useFactory: createValidationPipe },
  ],
})
export class AppModule {}
