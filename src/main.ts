import 'reflect-metadata';

import { ConfigValidationError, loadAppConfig } from '@app/config';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';

import { AppModule } from './app.module.js';
import { APP_OPTIONS, configureApp } from './app.setup.js';
import { SystemInfoService } from './modules/system/index.js';

async function bootstrap(): Promise<void> {
  // Fail before anything starts, naming every bad variable at once.
  const config = loadAppConfig();
  const app = configureApp(await NestFactory.create<NestExpressApplication>(AppModule, APP_OPTIONS));
  await app.listen(config.server.port, config.server.host);
  const logger = new Logger('Bulwark');
  logger.log(`listening on http://${config.server.host}:${config.server.port}`);
  logger.log(app.get(SystemInfoService).modeSummary());
}

bootstrap().catch((error: unknown) => {
  if (error instanceof ConfigValidationError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Bulwark failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
