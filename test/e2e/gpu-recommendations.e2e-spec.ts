import { testDatabase, type TestDatabase } from '@app/testing';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';

import { GpuRollupRepository } from '../../src/modules/gpu/store/gpu-rollup.repository.js';
import { Scope } from '../../src/modules/security/index.js';
import { bootApp } from '../support/app.js';
import { BUSY_GPU, FLEET_DEVICES, fleetSamples, IDLE_GPU, MIG, MINUTE } from '../support/gpu-fleet.js';
import { bearer, issueApiKey } from '../support/principals.js';

interface Item {
  id: string;
  deviceId: string;
  rule: string;
  severity: string;
  status: string;
  evidence: { minutesCovered: number; statistics: Record<string, number | null>; rule: { source: string } };
}

function expectProblem(response: request.Response, status: number, code?: string): void {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject(code === undefined ? { status } : { status, code });
}

describe('GPU recommendations API', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let reader: Record<string, string>;
  let writer: Record<string, string>;
  const http = (): ReturnType<typeof request> => request(app.getHttpServer());
  const list = async (query: string): Promise<Item[]> => ((await http().get(`/v1/gpu/recommendations${query}`).set(reader).expect(200)).body as { items: Item[] }).items;

  beforeAll(async () => {
    db = await testDatabase();
    app = await bootApp({ DATABASE_URL: db.url, GPU_COLLECTOR: 'off' });
    reader = bearer(await issueApiKey(app, { scopes: [Scope.GPU_READ], name: 'reader' }));
    writer = bearer(await issueApiKey(app, { scopes: [Scope.GPU_READ, Scope.GPU_WRITE], name: 'writer' }));
    const ingest = bearer(await issueApiKey(app, { scopes: [Scope.GPU_INGEST], name: 'agent' }));
    const now = Date.now();
    await http().post('/v1/gpu/samples').set(ingest).send({ devices: FLEET_DEVICES, samples: fleetSamples(now) }).expect(202);
    await app.get(GpuRollupRepository).rollup(new Date(now - 2 * 60 * MINUTE), new Date(Math.floor(now / MINUTE) * MINUTE));
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  describe('POST /v1/gpu/recommendations/evaluate', () => {
    it('refuses a reader (403)', async () => {
      expectProblem(await http().post('/v1/gpu/recommendations/evaluate').set(reader), 403);
    });

    it('evaluates every device and says the MIG instance was not judged on utilisation', async () => {
      const response = await http().post('/v1/gpu/recommendations/evaluate').set(writer).expect(200);
      const byUuid = new Map((response.body as { devices: Array<{ uuid: string; utilizationJudged: boolean; findings: string[] }> }).devices.map((device) => [device.uuid, device]));

      expect(byUuid.get(IDLE_GPU)).toMatchObject({ utilizationJudged: true, findings: ['idle'] });
      expect(byUuid.get(BUSY_GPU)).toMatchObject({ utilizationJudged: true, findings: ['under-utilized'] });
      expect(byUuid.get(MIG)).toMatchObject({ utilizationJudged: false, findings: ['mig-not-judged'] });
    });
  });

  describe('GET /v1/gpu/recommendations', () => {
    it('lists the open findings with their evidence', async () => {
      const items = await list('?status=open');
      const idle = items.find((item) => item.rule === 'idle');

      expect(items.map((item) => item.rule).sort()).toEqual(['idle', 'mig-not-judged', 'under-utilized']);
      expect(idle).toMatchObject({ severity: 'warning', status: 'open', evidence: { statistics: { utilizationP95: 0.01 } } });
      expect(idle?.evidence.minutesCovered).toBeGreaterThanOrEqual(60);
      expect((await list('?rule=under-utilized'))[0]?.evidence.rule.source).toContain('SageMaker');
    });

    it('pages with a cursor', async () => {
      const first = (await http().get('/v1/gpu/recommendations?limit=2').set(reader).expect(200)).body as { items: Item[]; nextCursor: string };
      const second = (await http().get(`/v1/gpu/recommendations?limit=2&cursor=${first.nextCursor}`).set(reader).expect(200)).body as { items: Item[]; nextCursor: null };

      expect([...first.items, ...second.items]).toHaveLength(3);
      expect(second.nextCursor).toBeNull();
    });

    it('answers bad filters with a 400 problem', async () => {
      expectProblem(await http().get('/v1/gpu/recommendations?status=bogus').set(reader), 400);
      expectProblem(await http().get('/v1/gpu/recommendations?rule=nope').set(reader), 400);
    });
  });

  describe('GET /v1/gpu/recommendations/:id', () => {
    it('returns one, and 404 for an unknown id', async () => {
      const [item] = await list('?rule=idle');

      await expect(http().get(`/v1/gpu/recommendations/${item!.id}`).set(reader).expect(200)).resolves.toMatchObject({ body: { id: item!.id, rule: 'idle' } });
      expectProblem(await http().get('/v1/gpu/recommendations/00000000-0000-4000-8000-000000000000').set(reader), 404, 'GPU.RECOMMENDATION_NOT_FOUND');
    });
  });

  describe('POST /v1/gpu/recommendations/:id/dismiss', () => {
    it('dismisses with a reason, keeps it dismissed through the next evaluation, and refuses a second dismissal', async () => {
      const [item] = await list('?rule=under-utilized');
      expectProblem(await http().post(`/v1/gpu/recommendations/${item!.id}/dismiss`).set(writer).send({}), 400);
      expectProblem(await http().post(`/v1/gpu/recommendations/${item!.id}/dismiss`).set(reader).send({ reason: 'x' }), 403);

      const dismissed = await http().post(`/v1/gpu/recommendations/${item!.id}/dismiss`).set(writer).send({ reason: 'Sized for the evening peak' }).expect(200);
      await http().post('/v1/gpu/recommendations/evaluate').set(writer).expect(200);

      expect(dismissed.body).toMatchObject({ status: 'dismissed', dismissReason: 'Sized for the evening peak', dismissedBy: expect.stringMatching(/^key:/) as unknown });
      await expect(list('?rule=under-utilized')).resolves.toEqual([expect.objectContaining({ id: item!.id, status: 'dismissed' })]);
      expectProblem(await http().post(`/v1/gpu/recommendations/${item!.id}/dismiss`).set(writer).send({ reason: 'again' }), 409, 'GPU.RECOMMENDATION_NOT_OPEN');
    });
  });
});
