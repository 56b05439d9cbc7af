import { testDatabase, type TestDatabase } from '@app/testing';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';

import { ApiKeyService } from '../../src/modules/security/api-keys/api-key.service.js';
import { ALL_SCOPES, Scope } from '../../src/modules/security/index.js';
import { bootApp } from '../support/app.js';
import { bearer, issueAdminKey, issueApiKey } from '../support/principals.js';
import { listRoutes, type RouteInfo } from '../support/routes.js';

type Agent = (path: string) => request.Test;

describe('authentication and authorisation over every route', () => {
  let app: INestApplication;
  let db: TestDatabase;
  let routes: RouteInfo[];
  let call: (route: RouteInfo, headers?: Record<string, string>) => request.Test;

  beforeAll(async () => {
    db = await testDatabase();
    // The profile route samples for its default length on the admin calls below: keep that to a second.
    app = await bootApp({ DATABASE_URL: db.url, MONITORING_PROFILE_MAX_SECONDS: '1' });
    routes = listRoutes(app);
    call = (route, headers = {}) =>
      (request(app.getHttpServer()) as unknown as Record<string, Agent>)[route.method.toLowerCase()]!(route.path).set(headers);
  });

  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it('finds the routes to walk', () => {
    expect(routes.map((route) => route.template)).toEqual(expect.arrayContaining(['/health/ready', '/v1/api-keys', '/v1/system/info']));
  });

  it('has every route either public by decoration or declaring its access (@RequireScopes / @Roles)', () => {
    const undeclared = routes.filter((route) => !route.isPublic && !route.declaresAccess).map((r) => `${r.method} ${r.template}`);
    expect(undeclared).toEqual([]);
  });

  describe.each([
    ['anonymous', (): Record<string, string> => ({})],
    ['a malformed key', (): Record<string, string> => bearer('bwk_not-a-real-key')],
    ['a well-formed key that does not exist', (): Record<string, string> => bearer('bwk_AAAAAAAAAAAA_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb000000')],
    ['a garbage bearer token', (): Record<string, string> => bearer('eyJhbGciOiJub25lIn0.e30.')],
  ])('as %s', (_who, headers) => {
    it('gets 401 problem+json with a challenge from every non-public route, and public routes still answer', async () => {
      for (const route of routes) {
        const response = await call(route, headers());
        if (route.isPublic) {
          expect([route.template, response.status]).not.toEqual([route.template, 401]);
          continue;
        }
        expect([route.method, route.template, response.status]).toEqual([route.method, route.template, 401]);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
        expect(response.headers['x-content-type-options']).toBe('nosniff');
      }
    });
  });

  it('rejects an expired key on every non-public route', async () => {
    const key = await issueApiKey(app, { scopes: [...ALL_SCOPES] });
    await app.get(DataSource).query(`UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE name = 'test-key'`);
    for (const route of routes.filter((r) => !r.isPublic)) {
      expect([route.template, (await call(route, bearer(key))).status]).toEqual([route.template, 401]);
    }
  });

  it('rejects a revoked key on every non-public route', async () => {
    const key = await issueApiKey(app, { scopes: [Scope.SECURITY_ADMIN], name: 'to-revoke' });
    const service = app.get(ApiKeyService);
    const [record] = (await service.list(200)).items.filter((k) => k.name === 'to-revoke');
    await service.revoke(record!.id, 'system:tests');
    for (const route of routes.filter((r) => !r.isPublic)) {
      expect([route.template, (await call(route, bearer(key))).status]).toEqual([route.template, 401]);
    }
  });

  it('answers 403 to a key without the route scopes, and lets the right scopes and an admin key through', async () => {
    const noScopes = await issueApiKey(app, { scopes: [] });
    const admin = await issueAdminKey(app);
    for (const route of routes.filter((r) => !r.isPublic)) {
      // A key passes a role check only with security:admin (keys have no role).
      const rightScopes = await issueApiKey(app, { scopes: route.roles.length > 0 ? [Scope.SECURITY_ADMIN] : route.scopes });
      const withoutScopes = (await call(route, bearer(noScopes))).status;
      const restricted = route.scopes.length > 0 || route.roles.length > 0;
      expect([route.template, withoutScopes]).toEqual([route.template, restricted ? 403 : withoutScopes]);
      for (const key of [rightScopes, admin]) {
        const status = (await call(route, bearer(key))).status;
        expect([route.template, [401, 403].includes(status)]).toEqual([route.template, false]);
      }
    }
  });

  it('accepts the key in X-API-Key as well as Authorization', async () => {
    const key = await issueApiKey(app);
    expect((await request(app.getHttpServer()).get('/v1/system/info').set('X-API-Key', key)).status).toBe(200);
  });

  it('refuses a key in the query string with 400 and keeps it out of the response', async () => {
    const key = await issueAdminKey(app);
    const response = await request(app.getHttpServer()).get(`/v1/system/info?api_key=${key}`);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('SECURITY.API_KEY_IN_QUERY');
    expect(JSON.stringify(response.body)).not.toContain(key);
  });
});
