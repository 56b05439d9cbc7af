import { testDatabase, type TestDatabase } from '@app/testing';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';

import { randomBytes } from 'node:crypto';

import { MAX_PLAINTEXT_BYTES } from '../../src/modules/security/crypto/crypto.constants.js';
import { parseFernetKey } from '../../src/modules/security/crypto/fernet-key.js';
import { sealFernetToken } from '../../src/modules/security/crypto/fernet-token.js';
import { generateFernetKey, Scope } from '../../src/modules/security/index.js';
import { bootApp } from '../support/app.js';
import { bearer, issueApiKey } from '../support/principals.js';

/** A token under `key` stamped at `timestamp` (Unix seconds), e.g. long expired or from the future. */
function tokenAt(key: string, timestamp: number, plaintext = 'secret'): string {
  return sealFernetToken(parseFernetKey(key)!, Buffer.from(plaintext), { iv: randomBytes(16), timestamp });
}

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

function expectProblem(response: request.Response, status: number, code: string): void {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({ status, code, correlationId: response.headers['x-request-id'] });
}

describe('POST /v1/crypto/*', () => {
  const primaryKey = generateFernetKey();
  const retiredKey = generateFernetKey();
  let app: INestApplication;
  let db: TestDatabase;
  let auth: { Authorization: string };

  const post = (path: string, body: object, headers: Record<string, string> = auth): request.Test =>
    request(app.getHttpServer()).post(`/v1/crypto/${path}`).set(headers).send(body);

  async function encrypt(body: object): Promise<string> {
    const response = await post('encrypt', body);
    expect(response.status).toBe(200);
    return (response.body as { token: string }).token;
  }

  beforeAll(async () => {
    db = await testDatabase();
    app = await bootApp({ DATABASE_URL: db.url, ENCRYPTION_KEYS: `${primaryKey},${retiredKey}` });
    auth = bearer(await issueApiKey(app, { scopes: [Scope.CRYPTO_USE] }));
  });

  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  describe('access', () => {
    it('answers 401 without credentials and 403 without the crypto:use scope', async () => {
      expectProblem(await post('encrypt', { plaintext: 'x' }, {}), 401, 'SECURITY.UNAUTHENTICATED');
      const other = bearer(await issueApiKey(app, { scopes: [Scope.CACHE_READ], name: 'no-crypto' }));
      expectProblem(await post('encrypt', { plaintext: 'x' }, other), 403, 'SECURITY.INSUFFICIENT_SCOPE');
      expectProblem(await post('decrypt', { token: 'x' }, other), 403, 'SECURITY.INSUFFICIENT_SCOPE');
    });
  });

  describe('round trip', () => {
    it('decrypts text back as utf8', async () => {
      const token = await encrypt({ plaintext: 'smtp-pässword ✓' });
      expect(token).toMatch(/^gAAAAA[A-Za-z0-9_-]+=*$/);
      const response = await post('decrypt', { token, ttlSeconds: 60 });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ plaintext: 'smtp-pässword ✓', encoding: 'utf8' });
      expect((await post('decrypt', { token, ttlSeconds: null })).body).toEqual({ plaintext: 'smtp-pässword ✓', encoding: 'utf8' });
    });

    it('decrypts bytes that are not UTF-8 back as base64', async () => {
      const token = await encrypt({ plaintext: 'AP+AgQ==', encoding: 'base64' });
      expect((await post('decrypt', { token })).body).toEqual({ plaintext: 'AP+AgQ==', encoding: 'base64' });
    });

    it('decrypts tokens made under a retired key of the ring', async () => {
      const old = tokenAt(retiredKey, nowSeconds(), 'old secret');
      expect((await post('decrypt', { token: old })).body).toEqual({ plaintext: 'old secret', encoding: 'utf8' });
    });
  });

  describe('bad tokens', () => {
    it('answers every kind of bad token with the same 400 SECURITY.DECRYPTION_FAILED', async () => {
      const token = await encrypt({ plaintext: 'secret' });
      expect((await post('decrypt', { token: tokenAt(primaryKey, nowSeconds() - 120) })).status).toBe(200);
      const tampered = `${token.slice(0, 40)}${token[40] === 'A' ? 'B' : 'A'}${token.slice(41)}`;
      const bad: Array<[string, number?]> = [
        [tampered],
        [tokenAt(generateFernetKey(), nowSeconds())],
        [tokenAt(primaryKey, nowSeconds() - 120), 60],
        [tokenAt(primaryKey, nowSeconds() + 3_600)],
        ['%%%%'],
        [token.replace(/=+$/, '')],
        ['gAAAAA=='],
      ];
      const details = new Set<string>();
      for (const [badToken, ttlSeconds] of bad) {
        const response = await post('decrypt', { token: badToken, ttlSeconds });
        expectProblem(response, 400, 'SECURITY.DECRYPTION_FAILED');
        details.add(JSON.stringify({ title: response.body.title, detail: response.body.detail, type: response.body.type }));
      }
      expect(details.size).toBe(1);
    });
  });

  describe('bad bodies', () => {
    it('answers an oversized plaintext with 400 COMMON.VALIDATION_FAILED naming it', async () => {
      const response = await post('encrypt', { plaintext: 'a'.repeat(MAX_PLAINTEXT_BYTES + 1) });
      expectProblem(response, 400, 'COMMON.VALIDATION_FAILED');
      expect(response.body.errors).toEqual([{ field: 'plaintext', message: expect.stringContaining(`${MAX_PLAINTEXT_BYTES} bytes`) }]);
    });

    it('answers invalid fields with 400 COMMON.VALIDATION_FAILED naming each', async () => {
      const encryptResponse = await post('encrypt', { plaintext: 'not base64!', encoding: 'base64', extra: 1 });
      expectProblem(encryptResponse, 400, 'COMMON.VALIDATION_FAILED');
      expect(new Set((encryptResponse.body.errors as Array<{ field: string }>).map((e) => e.field))).toEqual(new Set(['plaintext', 'extra']));
      const decryptResponse = await post('decrypt', { token: 42, ttlSeconds: 0 });
      expectProblem(decryptResponse, 400, 'COMMON.VALIDATION_FAILED');
      expect(new Set((decryptResponse.body.errors as Array<{ field: string }>).map((e) => e.field))).toEqual(new Set(['token', 'ttlSeconds']));
    });
  });

  describe('OpenAPI', () => {
    it('documents both routes with their bodies and answers', async () => {
      const document = (await request(app.getHttpServer()).get('/openapi.json')).body as {
        paths: Record<string, { post?: { requestBody?: unknown; responses: Record<string, unknown> } }>;
      };
      for (const path of ['/v1/crypto/encrypt', '/v1/crypto/decrypt']) {
        expect(document.paths[path]?.post?.requestBody).toBeDefined();
        expect(Object.keys(document.paths[path]?.post?.responses ?? {})).toEqual(expect.arrayContaining(['200', '400']));
      }
    });
  });
});
