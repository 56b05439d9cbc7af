import { createTestApp } from '@app/testing';
import type { INestApplication, Type } from '@nestjs/common';

import { AppModule } from '../../src/app.module.js';
import { APP_OPTIONS, configureApp } from '../../src/app.setup.js';

/** The real Bulwark app, booted over HTTP on an ephemeral port with `env` as its configuration. */
export function bootApp(env: Record<string, string>, controllers: Type[] = []): Promise<INestApplication> {
  return createTestApp({ appOptions: APP_OPTIONS, configure: configureApp, controllers, env, rootModule: AppModule });
}
