import { AppConfig } from '@app/config';
import type { INestApplication, NestApplicationOptions, Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';

import { testConfig } from './test-config.js';

export interface TestAppOptions {
  /** The app's root module (`AppModule`): libs/ cannot import src/, so the test passes it in. */
  rootModule: Type;
  /** The app's own HTTP setup (`configureApp`), so tests exercise the same pipeline as `main.ts`. */
  configure: (app: NestExpressApplication) => NestExpressApplication;
  appOptions: NestApplicationOptions;
  env: Record<string, string>;
  /** Extra controllers a test needs beside the app's own (slow routes, DTO fixtures). */
  controllers?: Type[];
}

/** Boots the whole app as `main.ts` does, on an ephemeral port, with `env` as its configuration. */
export async function createTestApp(options: TestAppOptions): Promise<INestApplication> {
  const config = testConfig(options.env);
  const moduleRef = await Test.createTestingModule({ controllers: options.controllers ?? [], imports: [options.rootModule] })
    .overrideProvider(AppConfig)
    .useValue(config)
    .compile();
  const app = options.configure(moduleRef.createNestApplication<NestExpressApplication>(options.appOptions));
  try {
    await app.listen(0, '127.0.0.1');
  } catch (error) {
    // A failed start (bad config, bootstrap refusal) must not leave its pool and timers behind.
    await app.close().catch(() => undefined);
    throw error;
  }
  return app;
}
