import { testDatabase, testRedisUrl, type TestDatabase } from '@app/testing';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';

import { formatApiKey } from '../../src/modules/security/api-keys/api-key-format.js';
import { LastUsedRecorder } from '../../src/modules/security/api-keys/last-used-recorder.js';
import { Scope } from '../../src/modules/security/index.js';
import { bootApp } from '../support/app.js';
import { bearer, issueAdminKey } from '../support/principals.js';
import { waitFor } from '../support/wait-for.js';

const KEY_FORMAT = /^bwk_[0-9A-Za-z]{12}_[0-9A-Za-z]{38}$/;

describe('/v1/api-keys', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let admin: string;

  beforeAll(async () => {
    db = await testDatabase();
    app = await bootApp({ DATABASE_URL: db.url, REDIS_URL: testRedisUrl() });
    admin = await issueAdminKey(app);
  });

  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  const http = (): ReturnType<typeof request> => request(app.getHttpServer());
  const create = (body: Record<string, unknown>): request.Test => http().post('/v1/api-keys').set(bearer(admin)).send(body);

  describe('POST /v1/api-keys', () => {
    it('creates a key, shows it once, and stores only its hash', async () => {
      const response = await create({ name: 'billing', owner: 'team-pay', tier: 'pro', scopes: ['cache:read'] });

      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ name: 'billing', owner: 'team-pay', tier: 'pro', scopes: ['cache:read'], revokedAt: null });
      const { key, prefix, id } = response.body as { key: string; prefix: string; id: string };
      expect(key).toMatch(KEY_FORMAT);
      expect(key.startsWith(prefix)).toBe(true);
      const [row] = await app.get(DataSource).query<Array<Record<string, unknown>>>('SELECT * FROM api_keys WHERE id = $1', [id]);
      expect(JSON.stringify(row)).not.toContain(key.slice(-38));
      expect((row!.secret_hash as Buffer).length).toBe(32);

      const fetched = await http().get(`/v1/api-keys/${response.body.id}`).set(bearer(admin));
      expect(fetched.status).toBe(200);
      expect(fetched.body.key).toBeUndefined();
    });

    it.each([
      ['an unknown scope', { name: 'x', owner: 'y', scopes: ['root'] }, 'scopes'],
      ['an unknown tier', { name: 'x', owner: 'y', scopes: [], tier: 'platinum' }, 'tier'],
      ['an expiry in the past', { name: 'x', owner: 'y', scopes: [], expiresAt: '2001-01-01T00:00:00Z' }, 'expiresAt'],
      ['a missing name', { owner: 'y', scopes: [] }, 'name'],
      ['an extra field', { name: 'x', owner: 'y', scopes: [], secret: 'mine' }, 'secret'],
    ])('refuses %s with 400 naming the field', async (_what, body, field) => {
      const response = await create(body);
      expect(response.status).toBe(400);
      expect((response.body as { errors: Array<{ field: string }> }).errors.map((e) => e.field)).toContain(field);
    });
  });

  describe('GET /v1/api-keys', () => {
    it('pages through every key with an opaque cursor, newest first', async () => {
      for (const name of ['page-a', 'page-b', 'page-c']) {
        expect((await create({ name, owner: 'paging', scopes: [] })).status).toBe(201);
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const response: request.Response = await http()
          .get('/v1/api-keys')
          .query({ limit: 2, ...(cursor ? { cursor } : {}) })
          .set(bearer(admin));
        expect(response.status).toBe(200);
        const page = response.body as { items: Array<{ name: string }>; nextCursor: string | null };
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map((item) => item.name));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen.filter((name) => name.startsWith('page-'))).toEqual(['page-c', 'page-b', 'page-a']);
      expect(new Set(seen).size).toBe(seen.length);
    });

    it('answers a forged cursor with 400', async () => {
      const response = await http().get('/v1/api-keys').query({ cursor: 'bm90LWEtY3Vyc29y' }).set(bearer(admin));
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('COMMON.INVALID_CURSOR');
    });
  });

  describe('POST /v1/api-keys/:id/rotate', () => {
    it('returns a new key and keeps the old one working during the overlap', async () => {
      const created = await create({ name: 'rotating', owner: 'ops', scopes: [] });
      const rotated = await http().post(`/v1/api-keys/${created.body.id}/rotate`).set(bearer(admin));

      expect(rotated.status).toBe(201);
      expect(rotated.body.key).toMatch(KEY_FORMAT);
      expect(rotated.body.key).not.toBe(created.body.key);
      expect((await http().get('/v1/system/info').set(bearer(rotated.body.key))).status).toBe(200);
      expect((await http().get('/v1/system/info').set(bearer(created.body.key))).status).toBe(200);
      const old = await http().get(`/v1/api-keys/${created.body.id}`).set(bearer(admin));
      expect(old.body).toMatchObject({ replacedById: rotated.body.id, rotatedAt: expect.any(String), validUntil: expect.any(String) });
    });

    it('refuses to rotate a key twice', async () => {
      const created = await create({ name: 'rotate-twice', owner: 'ops', scopes: [] });
      expect((await http().post(`/v1/api-keys/${created.body.id}/rotate`).set(bearer(admin))).status).toBe(201);
      expect((await http().post(`/v1/api-keys/${created.body.id}/rotate`).set(bearer(admin))).status).toBe(404);
    });
  });

  describe('DELETE /v1/api-keys/:id', () => {
    it('revokes the key at once', async () => {
      const created = await create({ name: 'doomed', owner: 'ops', scopes: [] });
      expect((await http().get('/v1/system/info').set(bearer(created.body.key))).status).toBe(200);

      const revoked = await http().delete(`/v1/api-keys/${created.body.id}`).set(bearer(admin));

      expect(revoked.status).toBe(200);
      expect(revoked.body.revokedAt).toEqual(expect.any(String));
      const refused = await http().get('/v1/system/info').set(bearer(created.body.key));
      expect(refused.status).toBe(401);
      expect(refused.body.code).toBe('SECURITY.INVALID_API_KEY');
    });

    it('answers an unknown id with 404 and a malformed id with 400', async () => {
      expect((await http().delete('/v1/api-keys/7f1c9b8e-0d6a-4b1e-9a57-0c1e2d3f4a5b').set(bearer(admin))).status).toBe(404);
      expect((await http().delete('/v1/api-keys/not-a-uuid').set(bearer(admin))).status).toBe(400);
    });
  });

  it('records last use in a batch, not per request', async () => {
    const created = await create({ name: 'used', owner: 'ops', scopes: [] });
    await http().get('/v1/system/info').set(bearer(created.body.key));
    const before = await http().get(`/v1/api-keys/${created.body.id}`).set(bearer(admin));
    expect(before.body.lastUsedAt).toBeNull();

    await app.get(LastUsedRecorder).flush();

    const after = await http().get(`/v1/api-keys/${created.body.id}`).set(bearer(admin));
    expect(Date.parse(after.body.lastUsedAt)).toBeGreaterThan(Date.parse(created.body.createdAt) - 1_000);
  });
});

describe('rotation after the overlap', () => {
  it('stops accepting the old key once the overlap is over, while the new key works', async () => {
    const db = await testDatabase();
    const app = await bootApp({ DATABASE_URL: db.url, API_KEY_ROTATION_OVERLAP_MS: '0' });
    try {
      const admin = await issueAdminKey(app);
      const created = await request(app.getHttpServer()).post('/v1/api-keys').set(bearer(admin)).send({ name: 'short-overlap', owner: 'ops', scopes: [] });
      const rotated = await request(app.getHttpServer()).post(`/v1/api-keys/${created.body.id}/rotate`).set(bearer(admin));
      expect(rotated.status).toBe(201);

      const old = await request(app.getHttpServer()).get('/v1/system/info').set(bearer(created.body.key as string));
      expect(old.status).toBe(401);
      expect(old.body.code).toBe('SECURITY.INVALID_API_KEY');
      expect((await request(app.getHttpServer()).get('/v1/system/info').set(bearer(rotated.body.key as string))).status).toBe(200);
    } finally {
      await app.close();
      await db.drop();
    }
  });
});

describe('API keys across instances', () => {
  let db: TestDatabase;
  let first: INestApplication;
  let second: INestApplication;

  beforeAll(async () => {
    db = await testDatabase();
    first = await bootApp({ DATABASE_URL: db.url, REDIS_URL: testRedisUrl() });
    second = await bootApp({ DATABASE_URL: db.url, REDIS_URL: testRedisUrl() });
  });

  afterAll(async () => {
    await Promise.all([first.close(), second.close()]);
    await db.drop();
  });

  it('a revocation on one instance reaches a cached key on another (pub/sub), well within a second', async () => {
    const admin = await issueAdminKey(first);
    const created = await request(first.getHttpServer()).post('/v1/api-keys').set(bearer(admin)).send({ name: 'shared', owner: 'ops', scopes: [Scope.CACHE_READ] });
    // The second instance now has the key cached.
    expect((await request(second.getHttpServer()).get('/v1/system/info').set(bearer(created.body.key))).status).toBe(200);

    expect((await request(first.getHttpServer()).delete(`/v1/api-keys/${created.body.id}`).set(bearer(admin))).status).toBe(200);

    await waitFor(
      async () => (await request(second.getHttpServer()).get('/v1/system/info').set(bearer(created.body.key))).status === 401,
      'the second instance to refuse the revoked key',
      1_000,
    );
  });
});

describe('bootstrap admin key', () => {
  it('creates exactly one admin key on first start, from BOOTSTRAP_ADMIN_KEY, and none on the next start', async () => {
    const db = await testDatabase();
    const key = formatApiKey('Bootstrap000', 'a'.repeat(32));
    try {
      const app = await bootApp({ DATABASE_URL: db.url, BOOTSTRAP_ADMIN_KEY: key });
      const listed = await request(app.getHttpServer()).get('/v1/api-keys').set(bearer(key));
      expect(listed.status).toBe(200);
      expect(listed.body.items).toEqual([expect.objectContaining({ name: 'bootstrap-admin', scopes: [Scope.SECURITY_ADMIN] })]);
      await app.close();

      const again = await bootApp({ DATABASE_URL: db.url, BOOTSTRAP_ADMIN_KEY: key });
      const relisted = await request(again.getHttpServer()).get('/v1/api-keys').set(bearer(key));
      expect(relisted.body.items).toHaveLength(1);
      await again.close();
    } finally {
      await db.drop();
    }
  });

  it('refuses to start with a BOOTSTRAP_ADMIN_KEY that is not a Bulwark key', async () => {
    const db = await testDatabase();
    try {
      await expect(bootApp({ DATABASE_URL: db.url, BOOTSTRAP_ADMIN_KEY: 'password123' })).rejects.toThrow(/BOOTSTRAP_ADMIN_KEY/);
    } finally {
      await db.drop();
    }
  });
});
