import { testDatabase, type TestDatabase } from '@app/testing';
import type { INestApplication } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';

import { JobQueue } from '../../src/modules/database/index.js';
import { Scope } from '../../src/modules/security/index.js';
import { bootApp } from '../support/app.js';
import { bearer, issueApiKey } from '../support/principals.js';

describe('Jobs API (pg-boss)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let reader: Record<string, string>;
  const http = (): ReturnType<typeof request> => request(app.getHttpServer());

  beforeAll(async () => {
    db = await testDatabase();
    app = await bootApp({ DATABASE_URL: db.url });
    reader = bearer(await issueApiKey(app, { scopes: [Scope.DB_READ], name: 'jobs reader' }));
    await app.get(JobQueue).register<{ steps: number }, { done: number }>('tests.steps', async (job) => {
      for (let step = 1; step <= job.data.steps; step++) {
        await sleep(700);
        await job.progress((100 * step) / (job.data.steps + 1), `step ${step}`);
      }
      await sleep(700);
      return { done: job.data.steps };
    });
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('streams a job\'s progress over SSE until it is done, and serves its final status', async () => {
    const id = await app.get(JobQueue).enqueue('tests.steps', { steps: 2 });

    const stream = await http()
      .get(`/v1/jobs/tests.steps/${id}/events`)
      .set(reader)
      .buffer(true)
      .parse((response, done) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        response.on('end', () => done(null, text));
      });

    expect(stream.status).toBe(200);
    expect(stream.headers['content-type']).toContain('text/event-stream');
    const events = (stream.body as string)
      .split('\n\n')
      .filter((block) => block.includes('data:'))
      .map((block) => ({ type: /event: (\w+)/.exec(block)?.[1], data: JSON.parse(/data: (.*)/.exec(block)![1]!) as { percent: number; message: string | null; state: string } }));
    const percents = events.map((event) => event.data.percent);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(events.map((event) => event.data.message)).toEqual(expect.arrayContaining(['step 1', 'step 2']));
    expect(events.at(-1)).toMatchObject({ type: 'done', data: { state: 'completed', percent: 100 } });

    const status = await http().get(`/v1/jobs/tests.steps/${id}`).set(reader);
    expect(status.body).toMatchObject({ id, queue: 'tests.steps', state: 'completed', output: { done: 2 }, done: true });
  });

  it('answers 404 for an unknown job, 400 for a malformed queue or id', async () => {
    expect((await http().get('/v1/jobs/tests.steps/00000000-0000-4000-8000-000000000000').set(reader)).status).toBe(404);
    expect((await http().get('/v1/jobs/Bad_Queue/00000000-0000-4000-8000-000000000000').set(reader)).status).toBe(400);
    expect((await http().get('/v1/jobs/tests.steps/not-a-uuid').set(reader)).status).toBe(400);
  });
});
