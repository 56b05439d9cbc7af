import { testDatabase, type TestDatabase } from '@app/testing';
import type { TestingModule } from '@nestjs/testing';

import { JobQueue, type JobStatus } from '../../src/modules/database/index.js';
import { createDatabaseModule } from '../support/database-module.js';
import { waitFor } from '../support/wait-for.js';

let db: TestDatabase;
let moduleRef: TestingModule;
let jobs: JobQueue;

beforeAll(async () => {
  db = await testDatabase();
  moduleRef = await createDatabaseModule(db.url);
  jobs = moduleRef.get(JobQueue);
});

afterAll(async () => {
  await moduleRef?.close();
  await db?.drop();
});

async function settled(queue: string, id: string): Promise<JobStatus> {
  let status: JobStatus | null = null;
  await waitFor(async () => {
    status = await jobs.status(queue, id);
    return status?.done === true;
  }, `job ${id} to finish`, 30_000);
  return status!;
}

describe(JobQueue.name, () => {
  it('runs a job, records its progress as it goes, and keeps its output', async () => {
    const seen: number[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    await jobs.register<{ items: number }, { processed: number }>('tests.resize', async (job) => {
      await job.progress(40, 'resizing');
      seen.push(40);
      await gate;
      await job.progress(90, 'uploading');
      return { processed: job.data.items };
    });

    const id = await jobs.enqueue('tests.resize', { items: 3 });
    await waitFor(async () => (await jobs.status('tests.resize', id))?.percent === 40, 'progress to be recorded', 30_000);
    expect(await jobs.status('tests.resize', id)).toMatchObject({ state: 'active', percent: 40, message: 'resizing', done: false });
    release();

    expect(await settled('tests.resize', id)).toMatchObject({ state: 'completed', percent: 100, output: { processed: 3 }, done: true });
    expect(seen).toEqual([40]);
  });

  it('retries a failing job with backoff and reports the failure once retries are spent', async () => {
    let attempts = 0;
    await jobs.register(
      'tests.flaky',
      () => {
        attempts += 1;
        return Promise.reject(new Error(`attempt ${attempts} failed`));
      },
      { retryLimit: 1, retryDelaySeconds: 1 },
    );

    const id = await jobs.enqueue('tests.flaky', {});
    const status = await settled('tests.flaky', id);

    expect(attempts).toBe(2);
    expect(status).toMatchObject({ state: 'failed', retryCount: 1, done: true });
    expect(JSON.stringify(status.output)).toContain('attempt 2 failed');
  });

  it('refuses queue names outside <module>.<job>, and answers null for unknown jobs', async () => {
    await expect(jobs.enqueue('NoModule', {})).rejects.toThrow('<module>.<job>');
    await expect(jobs.status('tests.resize', '00000000-0000-4000-8000-000000000000')).resolves.toBeNull();
  });
});
