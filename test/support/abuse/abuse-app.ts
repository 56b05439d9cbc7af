import { testDatabase, type TestDatabase } from '@app/testing';
import type { INestApplication, Type } from '@nestjs/common';
import request from 'supertest';

import { bootApp } from '../app.js';

/** The real app on a database of its own, for one abuse-case file. */
export interface AbuseApp {
  app: INestApplication;
  http: () => ReturnType<typeof request>;
  close: () => Promise<void>;
}

export async function startAbuseApp(env: Record<string, string> = {}, controllers: Type[] = []): Promise<AbuseApp> {
  const db: TestDatabase = await testDatabase();
  const app = await bootApp({ DATABASE_URL: db.url, ...env }, controllers);
  return {
    app,
    http: () => request(app.getHttpServer()),
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}
