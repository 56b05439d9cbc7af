import { Global, Module } from '@nestjs/common';

import { AppConfig } from './app-config.js';
import { loadAppConfig } from './load-app-config.js';

/** Provides the validated {@link AppConfig} everywhere. Boot fails here, listing every bad variable. */
@Global()
@Module({
  exports: [AppConfig],
  providers: [{ provide: AppConfig, useFactory: (): AppConfig => loadAppConfig() }],
})
export class ConfigModule {}
