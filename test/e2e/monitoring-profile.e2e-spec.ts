import { testDatabase, type TestDatabase } from '@app/testing';
import type { INestApplication } from '@nestjs/common';
import { request as httpRequest, type ClientRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';

import { ALL_SCOPES, Scope } from '../../src/modules/security/index.js';
import { bootApp } from '../support/app.js';
import { bearer, issueAdminKey, issueApiKey } from '../support/principals.js';
import { waitFor } from '../support/wait-for.js';

const PROFILE = '/v1/monitoring/profile';
const MAX_SECONDS = 60;

/** Collects a binary-safe body so the attachment is checked as the bytes a browser would save. */
const asText = (res: request.Response, done: (error: Error | null, body: string) => void): void => {
  let body = '';
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => (body += chunk));
  res.on('end', () => done(null, body));
};

describe('POST /v1/monitoring/profile', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let admin: Record<string, string>;
  const http = (): ReturnType<typeof request> => request(app.getHttpServer());
  const profilesInProgress = async (): Promise<string | undefined> =>
    /^bulwark_monitoring_profiles_in_progress (\d+)$/m.exec((await http().get('/metrics')).text)?.[1];

  beforeAll(async () => {
    db = await testDatabase();
    app = await bootApp({ DATABASE_URL: db.url, MONITORING_PROFILE_MAX_SECONDS: String(MAX_SECONDS) });
    admin = bearer(await issueAdminKey(app));
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('returns a V8 .cpuprofile of the asked length as a JSON attachment', async () => {
    const response = await http().post(`${PROFILE}?seconds=1`).set(admin).buffer(true).parse(asText);

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="bulwark-\d{8}T\d{6}Z\.cpuprofile"$/);
    const profile = JSON.parse(response.body as string) as { nodes: Array<{ id: number; callFrame: object }>; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] };
    expect(profile.nodes.length).toBeGreaterThan(0);
    expect(profile.nodes[0]).toMatchObject({ id: expect.any(Number), callFrame: expect.objectContaining({ functionName: expect.any(String) }) });
    expect(profile.endTime).toBeGreaterThan(profile.startTime);
    expect(profile.samples.length).toBeGreaterThan(0);
    expect(profile.timeDeltas).toHaveLength(profile.samples.length);
    const ids = new Set(profile.nodes.map((node) => node.id));
    expect(profile.samples.every((id) => ids.has(id))).toBe(true);
  });

  it('answers a second profile asked for meanwhile with 409 PROFILE_IN_PROGRESS', async () => {
    const [first, second] = await Promise.all([http().post(`${PROFILE}?seconds=2`).set(admin), http().post(`${PROFILE}?seconds=2`).set(admin)]);

    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const refused = first.status === 409 ? first : second;
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ status: 409, code: 'MONITORING.PROFILE_IN_PROGRESS' });
    expect(await profilesInProgress()).toBe('0');
  });

  it('stops early and frees the slot when the client disconnects', async () => {
    const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
    const long: ClientRequest = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: `${PROFILE}?seconds=${MAX_SECONDS}`, headers: admin });
    // Destroying the request is the point; its ECONNRESET is expected, not a failure.
    long.on('error', () => undefined);
    long.end();
    await waitFor(async () => (await profilesInProgress()) === '1', 'the long profile to start');

    long.destroy();
    await waitFor(async () => (await profilesInProgress()) === '0', 'the abandoned profile to stop');

    expect((await http().post(`${PROFILE}?seconds=1`).set(admin)).status).toBe(200);
  });

  it('refuses callers that are not admins with 403, whatever monitoring scopes they hold', async () => {
    const operator = bearer(await issueApiKey(app, { scopes: ALL_SCOPES.filter((scope) => scope !== Scope.SECURITY_ADMIN), name: 'operator' }));
    const response = await http().post(`${PROFILE}?seconds=1`).set(operator);

    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ code: 'SECURITY.FORBIDDEN_ROLE' });
    expect((await http().post(`${PROFILE}?seconds=1`)).status).toBe(401);
  });

  it.each([
    ['0', 'COMMON.VALIDATION_FAILED'],
    ['abc', 'COMMON.VALIDATION_FAILED'],
    ['1.5', 'COMMON.VALIDATION_FAILED'],
    [String(MAX_SECONDS + 1), 'MONITORING.INVALID_PROFILE_DURATION'],
    ['99999999999', 'MONITORING.INVALID_PROFILE_DURATION'],
  ])('answers seconds=%s with 400 %s problem+json', async (seconds, code) => {
    const response = await http().post(`${PROFILE}?seconds=${seconds}`).set(admin);

    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 400, code });
  });

  it('refuses query fields it does not know', async () => {
    expect((await http().post(`${PROFILE}?seconds=1&title=x`).set(admin)).status).toBe(400);
  });
});
