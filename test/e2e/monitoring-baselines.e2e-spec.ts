import { testDatabase, type TestDatabase } from '@app/testing';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';

import type { BaselineListItem, BaselineView } from '../../src/modules/monitoring/baselines/baseline-view.js';
import type { RegressionsView } from '../../src/modules/monitoring/baselines/api/regressions.controller.js';
import { RuntimeSampler } from '../../src/modules/monitoring/runtime/runtime-sampler.service.js';
import type { ScalingView } from '../../src/modules/monitoring/scaling/scaling.service.js';
import { SignalReader } from '../../src/modules/monitoring/signals/signal.types.js';
import type { MonitoringSummary } from '../../src/modules/monitoring/summary/monitoring-summary.js';
import { Scope } from '../../src/modules/security/index.js';
import { bootApp } from '../support/app.js';
import { FixturesController } from '../support/fixtures.controller.js';
import { bearer, issueApiKey } from '../support/principals.js';

type Headers = { Authorization: string };

const UNKNOWN_ID = '3b0f8f4e-6a57-4c1e-9a51-6d2d0c0e9f11';
const SLOW_MS = 80;

describe('monitoring: baselines, regressions and scaling advice', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let reader: Headers;
  let writer: Headers;
  let http: () => ReturnType<typeof request>;

  /** `count` requests to the fixture route, `parallel` at a time. */
  async function drive(ms: number, count: number, parallel = 10): Promise<void> {
    for (let sent = 0; sent < count; sent += parallel) {
      const batch = Array.from({ length: Math.min(parallel, count - sent) }, () => http().get(`/fixtures/slow?ms=${ms}`).expect(200));
      await Promise.all(batch);
    }
  }

  async function capture(body: object = {}): Promise<BaselineView> {
    const { body: baseline } = (await http().post('/v1/monitoring/baselines').set(writer).send(body).expect(201)) as { body: BaselineView };
    return baseline;
  }

  beforeAll(async () => {
    db = await testDatabase();
    app = await bootApp(
      {
        DATABASE_URL: db.url,
        MONITORING_REGRESSION_SUSTAIN_MS: '0',
        MONITORING_REGRESSION_MIN_REQUESTS: '5',
        MONITORING_SLO_P95_MS: '5',
        MONITORING_REPLICAS: '2',
      },
      [FixturesController],
    );
    http = () => request(app.getHttpServer());
    reader = bearer(await issueApiKey(app, { scopes: [Scope.MONITORING_READ], name: 'monitoring reader' }));
    writer = bearer(await issueApiKey(app, { scopes: [Scope.MONITORING_WRITE], name: 'monitoring writer' }));
  });

  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  describe('POST /v1/monitoring/baselines', () => {
    it('answers 409 NOT_ENOUGH_TRAFFIC while no route has the minimum requests', async () => {
      const response = await http().post('/v1/monitoring/baselines').set(writer).send({}).expect(409);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body).toMatchObject({ code: 'MONITORING.NOT_ENOUGH_TRAFFIC', status: 409 });
    });

    it('records every route with enough traffic in the 5-minute window and makes the baseline active', async () => {
      await drive(0, 30);
      const baseline = await capture({ name: ' release-1 ' });
      expect(baseline).toMatchObject({ name: 'release-1', window: '5m', active: true, id: expect.any(String) });
      const slow = baseline.routes.find((route) => route.route === '/fixtures/slow');
      expect(slow).toMatchObject({ method: 'GET', requests: 30, errorRate: 0 });
      expect(slow!.p99Ms).toBeGreaterThanOrEqual(slow!.p95Ms);
      // The writer's own 409 above was one request: too few to be recorded.
      expect(baseline.routes.some((route) => route.route === '/v1/monitoring/baselines')).toBe(false);
    });

    it.each([
      ['a window it does not keep', { window: '2d' }, 'window'],
      ['a null window', { window: null }, 'window'],
      ['a blank name', { name: '   ' }, 'name'],
      ['a name over 100 characters', { name: 'x'.repeat(101) }, 'name'],
      ['an unknown field', { routes: [] }, 'routes'],
    ])('refuses %s with a 400 problem', async (_label, body, field) => {
      const response = await http().post('/v1/monitoring/baselines').set(writer).send(body).expect(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect((response.body as { errors: Array<{ field: string }> }).errors.map((error) => error.field)).toContain(field);
    });

    it('needs monitoring:write', async () => {
      await http().post('/v1/monitoring/baselines').set(reader).send({}).expect(403);
      await http().post('/v1/monitoring/baselines').send({}).expect(401);
    });
  });

  describe('GET /v1/monitoring/regressions', () => {
    it('lists a route once its 5-minute p95 is above baseline × (1 + margin)', async () => {
      let view: RegressionsView | undefined;
      for (let round = 0; round < 10; round += 1) {
        await drive(SLOW_MS, 10);
        view = ((await http().get('/v1/monitoring/regressions').set(reader).expect(200)) as { body: RegressionsView }).body;
        if (view.items.some((item) => item.route === '/fixtures/slow' && item.metric === 'p95Ms')) {
          break;
        }
      }
      const p95 = view!.items.find((item) => item.route === '/fixtures/slow' && item.metric === 'p95Ms');
      expect(p95).toMatchObject({ method: 'GET', sustained: true, since: expect.any(String) });
      expect(p95!.current).toBeGreaterThan(p95!.threshold);
      expect(p95!.threshold).toBeGreaterThanOrEqual(p95!.baseline * 1.2);
      expect(p95!.ratio).toBeGreaterThan(1.2);
      expect(view!.baselineId).toBe(p95!.baselineId);
    });

    it('shows sustained regressions in the summary, to alert rules through the signal reader, and on /metrics', async () => {
      const { body } = (await http().get('/v1/monitoring/summary').set(reader).expect(200)) as { body: MonitoringSummary };
      expect(body.regressions).toEqual(expect.arrayContaining([expect.objectContaining({ route: '/fixtures/slow', sustained: true })]));
      expect(await app.get(SignalReader).read({ signal: 'regressions', aggregation: 'value', window: '5m' })).toBeGreaterThan(0);
      const { text } = await http().get('/metrics').expect(200);
      expect(text).toMatch(/^bulwark_monitoring_regressed_routes 1$/m);
    });

    it('needs monitoring:read', async () => {
      await http().get('/v1/monitoring/regressions').set(writer).expect(403);
      await http().get('/v1/monitoring/regressions').expect(401);
    });
  });

  describe('GET /v1/monitoring/scaling', () => {
    it('recommends more replicas when p95 is over the SLO, showing the formula and every input', async () => {
      await drive(SLOW_MS, 20);
      await app.get(RuntimeSampler).sample();
      const { body } = (await http().get('/v1/monitoring/scaling').set(reader).expect(200)) as { body: ScalingView };
      expect(body.formula).toContain('ceil(currentReplicas × observed / target)');
      expect(body).toMatchObject({ window: '5m', currentReplicas: 2, minReplicas: 1, maxReplicas: 20, direction: 'up', driver: 'latency' });
      expect(body.recommendedReplicas).toBeGreaterThan(body.currentReplicas);
      expect(body.inputs.map((input) => input.name)).toEqual(['cpu', 'eventLoop', 'latency', 'poolWaits']);
      const latency = body.inputs.find((input) => input.name === 'latency')!;
      expect(latency).toMatchObject({ available: true, target: 5, withinTolerance: false });
      expect(latency.observed).toBeGreaterThan(5);
      expect(latency.desired).toBe(Math.ceil((2 * latency.observed!) / 5));
      expect(body.inputs.find((input) => input.name === 'cpu')).toMatchObject({ available: true, target: 0.6 });
      expect(body.reason).toMatch(/^Scale up from 2 to \d+: p95 latency/);
    });

    it('starts from ?replicas= when given', async () => {
      const { body } = (await http().get('/v1/monitoring/scaling?replicas=5').set(reader).expect(200)) as { body: ScalingView };
      expect(body.currentReplicas).toBe(5);
    });

    it.each(['0', 'many', '1.5'])('refuses replicas=%s with a 400 problem', async (replicas) => {
      const response = await http().get(`/v1/monitoring/scaling?replicas=${replicas}`).set(reader).expect(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
    });

    it('needs monitoring:read', async () => {
      await http().get('/v1/monitoring/scaling').set(writer).expect(403);
    });
  });

  describe('GET /v1/monitoring/baselines', () => {
    it('lists baselines newest first, a page at a time, marking the active one', async () => {
      const second = await capture({ name: 'release-2' });
      const first = await http().get('/v1/monitoring/baselines?limit=1').set(reader).expect(200);
      const page1 = first.body as { items: BaselineListItem[]; nextCursor: string | null };
      expect(page1.items).toEqual([expect.objectContaining({ id: second.id, name: 'release-2', active: true, routeCount: second.routes.length })]);
      expect(page1.items[0]).not.toHaveProperty('routes');
      const page2 = (await http().get(`/v1/monitoring/baselines?limit=1&cursor=${page1.nextCursor}`).set(reader).expect(200)).body as { items: BaselineListItem[] };
      expect(page2.items).toEqual([expect.objectContaining({ name: 'release-1', active: false })]);
    });

    it('refuses a forged cursor with 400', async () => {
      await http().get('/v1/monitoring/baselines?cursor=bm9wZQ').set(reader).expect(400);
    });
  });

  describe('GET /v1/monitoring/baselines/:id', () => {
    it('gives one baseline with its routes', async () => {
      const made = await capture();
      const { body } = (await http().get(`/v1/monitoring/baselines/${made.id}`).set(reader).expect(200)) as { body: BaselineView };
      expect(body).toEqual(made);
    });

    it('answers 404 for an unknown id and 400 for one that is not a UUID', async () => {
      const missing = await http().get(`/v1/monitoring/baselines/${UNKNOWN_ID}`).set(reader).expect(404);
      expect(missing.headers['content-type']).toContain('application/problem+json');
      expect(missing.body.code).toBe('MONITORING.BASELINE_NOT_FOUND');
      await http().get('/v1/monitoring/baselines/not-a-uuid').set(reader).expect(400);
    });
  });

  describe('POST /v1/monitoring/baselines/:id/activate', () => {
    it('makes an older baseline the one regressions are judged against', async () => {
      const older = await capture({ name: 'known-good' });
      const newer = await capture({ name: 'bad-release' });
      const { body } = (await http().post(`/v1/monitoring/baselines/${older.id}/activate`).set(writer).expect(200)) as { body: BaselineView };
      expect(body).toMatchObject({ id: older.id, active: true });
      const regressions = (await http().get('/v1/monitoring/regressions').set(reader).expect(200)).body as RegressionsView;
      expect(regressions.baselineId).toBe(older.id);
      expect((await http().get(`/v1/monitoring/baselines/${newer.id}`).set(reader).expect(200)).body).toMatchObject({ active: false });
    });

    it('answers 404 for an unknown id and needs monitoring:write', async () => {
      await http().post(`/v1/monitoring/baselines/${UNKNOWN_ID}/activate`).set(writer).expect(404);
      await http().post(`/v1/monitoring/baselines/${UNKNOWN_ID}/activate`).set(reader).expect(403);
    });
  });

  describe('DELETE /v1/monitoring/baselines/:id', () => {
    it('deletes a baseline; deleting the active one hands the role to the most recently activated one left', async () => {
      const kept = await capture({ name: 'kept' });
      const doomed = await capture({ name: 'doomed' });
      await http().delete(`/v1/monitoring/baselines/${doomed.id}`).set(writer).expect(204);
      await http().get(`/v1/monitoring/baselines/${doomed.id}`).set(reader).expect(404);
      const regressions = (await http().get('/v1/monitoring/regressions').set(reader).expect(200)).body as RegressionsView;
      expect(regressions.baselineId).toBe(kept.id);
      expect((await http().get(`/v1/monitoring/baselines/${kept.id}`).set(reader).expect(200)).body).toMatchObject({ active: true });
    });

    it('answers 404 for an unknown id and needs monitoring:write', async () => {
      await http().delete(`/v1/monitoring/baselines/${UNKNOWN_ID}`).set(writer).expect(404);
      await http().delete(`/v1/monitoring/baselines/${UNKNOWN_ID}`).set(reader).expect(403);
    });
  });
});
