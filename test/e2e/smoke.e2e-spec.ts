import type { INestApplication } from '@nestjs/common';
import { testDatabase, type TestDatabase } from '@app/testing';
import request from 'supertest';

import { bootApp } from '../support/app.js';

describe('smoke', () => {
  let app: INestApplication;
  let db: TestDatabase;
  beforeAll(async () => {
    db = await testDatabase();
    app = await bootApp({ DATABASE_URL: db.url });
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });
  it('answers ready', async () => {
    const res = await request(app.getHttpServer()).get('/health/ready');
    expect(res.status).toBe(200);
  });
});
