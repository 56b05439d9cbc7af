import { testDatabase, type TestDatabase } from '@app/testing';
import { Controller, Get, type INestApplication } from '@nestjs/common';
import { SignJWT, UnsecuredJWT } from 'jose';
import { randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';

import { CurrentPrincipal, RequireScopes, Role, Scope, type Principal } from '../../src/modules/security/index.js';
import { bootApp } from '../support/app.js';
import { bearer, issueAdminKey } from '../support/principals.js';

/** A route any audit reader may call, answering who the guard says is calling. */
@Controller('users-auth-fixture')
class WhoAmIController {
  @Get()
  @RequireScopes(Scope.AUDIT_READ)
  whoAmI(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }
}

const SECRET = randomBytes(32);
const PASSWORD = 'correct horse battery staple';

interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  tokenType: string;
}

const freshIp = (): string => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;

function expectProblem(response: request.Response, status: number, code: string): void {
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({ status, code });
  expect(response.status).toBe(status);
}

describe('users and user sessions over HTTP', () => {
  let app: INestApplication;
  let db: TestDatabase;
  let admin: { Authorization: string };
  const http = (): ReturnType<typeof request> => request(app.getHttpServer());

  const createUser = async (role: Role, email = `${randomUUID()}@example.com`): Promise<{ id: string; email: string }> => {
    const response = await http().post('/v1/users').set(admin).send({ email, password: PASSWORD, role });
    expect(response.status).toBe(201);
    return response.body as { id: string; email: string };
  };

  const login = (email: string, password: string, ip = freshIp()): request.Test =>
    http().post('/v1/auth/login').set('X-Forwarded-For', ip).send({ email, password });

  const loginOk = async (email: string): Promise<TokenPair> => {
    const response = await login(email, PASSWORD);
    expect(response.status).toBe(200);
    return response.body as TokenPair;
  };

  const refresh = (refreshToken: string): request.Test => http().post('/v1/auth/refresh').send({ refreshToken });

  beforeAll(async () => {
    db = await testDatabase();
    app = await bootApp(
      {
        DATABASE_URL: db.url,
        JWT_SECRET: SECRET.toString('base64url'),
        TRUST_PROXY: '1',
        RATE_LIMIT_ANONYMOUS: '100000',
        AUTO_BLOCK_LOGIN_FAILURE_THRESHOLD: '0',
      },
      [WhoAmIController],
    );
    admin = bearer(await issueAdminKey(app));
  });

  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  describe('/v1/users', () => {
    it('creates a user, shows it without any password material, and stores the email in lower case', async () => {
      const response = await http().post('/v1/users').set(admin).send({ email: 'Grace.Hopper@Example.com', password: PASSWORD, role: 'operator', tier: 'pro' });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ email: 'grace.hopper@example.com', role: 'operator', tier: 'pro', createdBy: expect.stringMatching(/^key:/) as string });
      expect(JSON.stringify(response.body)).not.toMatch(/argon2|password/i);
      const fetched = await http().get(`/v1/users/${(response.body as { id: string }).id}`).set(admin);
      expect(fetched.status).toBe(200);
      expect(fetched.body).toEqual(response.body);
    });

    it('answers 409 for an email that exists in another case', async () => {
      const { email } = await createUser(Role.VIEWER);
      const response = await http().post('/v1/users').set(admin).send({ email: email.toUpperCase(), password: PASSWORD, role: 'viewer' });
      expect(response.status).toBe(409);
    });

    it.each([
      ['too short', 'Xk7#qLm'],
      ['common', 'password1'],
      ['common in another case', 'IloveYou'],
    ])('refuses a %s password with 400 SECURITY.WEAK_PASSWORD', async (_why, password) => {
      const response = await http().post('/v1/users').set(admin).send({ email: `${randomUUID()}@example.com`, password, role: 'viewer' });
      expectProblem(response, 400, 'SECURITY.WEAK_PASSWORD');
    });

    it('refuses unknown fields and bad roles with 400 naming them', async () => {
      const response = await http().post('/v1/users').set(admin).send({ email: `${randomUUID()}@example.com`, password: PASSWORD, role: 'root', isAdmin: true });
      expectProblem(response, 400, 'COMMON.VALIDATION_FAILED');
      expect((response.body as { errors: Array<{ field: string }> }).errors.map((error) => error.field)).toEqual(expect.arrayContaining(['role', 'isAdmin']));
    });

    it('lists newest first with cursor pagination', async () => {
      const first = await createUser(Role.VIEWER);
      const second = await createUser(Role.VIEWER);
      const page1 = await http().get('/v1/users?limit=1').set(admin);
      expect(page1.status).toBe(200);
      expect((page1.body as { items: Array<{ id: string }> }).items.map((user) => user.id)).toEqual([second.id]);
      const cursor = (page1.body as { nextCursor: string }).nextCursor;
      const page2 = await http().get(`/v1/users?limit=1&cursor=${encodeURIComponent(cursor)}`).set(admin);
      expect((page2.body as { items: Array<{ id: string }> }).items.map((user) => user.id)).toEqual([first.id]);
    });

    it('deletes a user (204), after which it is 404 and its sessions are gone', async () => {
      const user = await createUser(Role.VIEWER);
      const { refreshToken } = await loginOk(user.email);
      expect((await http().delete(`/v1/users/${user.id}`).set(admin)).status).toBe(204);
      expectProblem(await http().get(`/v1/users/${user.id}`).set(admin), 404, 'SECURITY.USER_NOT_FOUND');
      expectProblem(await http().delete(`/v1/users/${user.id}`).set(admin), 404, 'SECURITY.USER_NOT_FOUND');
      expectProblem(await refresh(refreshToken), 401, 'SECURITY.INVALID_TOKEN');
    });
  });

  describe('POST /v1/auth/login and access tokens', () => {
    it('gives a viewer a token that passes its scopes and is refused admin routes', async () => {
      const viewer = await createUser(Role.VIEWER);
      const pair = await loginOk(viewer.email.toUpperCase());
      expect(pair).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, refreshToken: expect.stringMatching(/^bwr_/) as string });
      const whoAmI = await http().get('/users-auth-fixture').set(bearer(pair.accessToken));
      expect(whoAmI.status).toBe(200);
      expect(whoAmI.body).toEqual({ kind: 'user', id: viewer.id, email: viewer.email, role: 'viewer', tier: 'free', scopes: ['audit:read', 'cache:read', 'cdn:read', 'db:read', 'gpu:read', 'monitoring:read'] });
      expectProblem(await http().get('/v1/users').set(bearer(pair.accessToken)), 403, 'SECURITY.INSUFFICIENT_SCOPE');
    });

    it('gives an admin a token that passes admin routes', async () => {
      const adminUser = await createUser(Role.ADMIN);
      const pair = await loginOk(adminUser.email);
      expect((await http().get('/v1/users').set(bearer(pair.accessToken))).status).toBe(200);
      expect((await http().get('/users-auth-fixture').set(bearer(pair.accessToken))).status).toBe(200);
    });

    it('answers an unknown email and a wrong password identically', async () => {
      const user = await createUser(Role.VIEWER);
      const unknown = await login(`${randomUUID()}@example.com`, PASSWORD);
      const wrong = await login(user.email, `${PASSWORD}!`);
      const strip = (response: request.Response): Record<string, unknown> => {
        const { correlationId: _ignored, ...rest } = response.body as Record<string, unknown>;
        return rest;
      };
      expectProblem(unknown, 401, 'SECURITY.INVALID_CREDENTIALS');
      expect([wrong.status, strip(wrong), wrong.headers['content-type'], wrong.headers['www-authenticate']]).toEqual([
        unknown.status,
        strip(unknown),
        unknown.headers['content-type'],
        unknown.headers['www-authenticate'],
      ]);
    });

    it.each([
      ['malformed', (): Promise<string> => Promise.resolve('not.a.jwt')],
      ['alg none', (): Promise<string> => Promise.resolve(new UnsecuredJWT({ role: 'admin' }).setSubject(randomUUID()).setIssuer('bulwark').setAudience('bulwark-api').setExpirationTime('5m').encode())],
      [
        'expired',
        (): Promise<string> => {
          const past = Math.floor(Date.now() / 1000) - 3_600;
          return new SignJWT({ email: 'x@example.com', role: 'admin', tier: 'free' })
            .setProtectedHeader({ alg: 'HS256' })
            .setSubject(randomUUID())
            .setIssuer('bulwark')
            .setAudience('bulwark-api')
            .setIssuedAt(past)
            .setNotBefore(past)
            .setExpirationTime(past + 900)
            .sign(SECRET);
        },
      ],
      ['signed with another key', (): Promise<string> => new SignJWT({ role: 'admin' }).setProtectedHeader({ alg: 'HS256' }).setSubject(randomUUID()).sign(randomBytes(32))],
    ])('refuses a %s token with 401 problem+json and a challenge', async (_what, make) => {
      const response = await http().get('/users-auth-fixture').set(bearer(await make()));
      expectProblem(response, 401, 'SECURITY.INVALID_TOKEN');
      expect(response.headers['www-authenticate']).toMatch(/^Bearer .*invalid_token/);
    });

    it('refuses a JSON body carrying __proto__ with 400, never a 500', async () => {
      const response = await http()
        .post('/v1/auth/login')
        .set('Content-Type', 'application/json')
        .send('{"email":"a@example.com","password":"whatever-pass","__proto__":{"isAdmin":true}}');
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    });
  });

  describe('POST /v1/auth/refresh and /v1/auth/logout', () => {
    it('rotates: the new pair works, the old refresh token is spent, and reusing it kills the whole family', async () => {
      const user = await createUser(Role.VIEWER);
      const first = await loginOk(user.email);
      const rotated = await refresh(first.refreshToken);
      expect(rotated.status).toBe(200);
      const second = rotated.body as TokenPair;
      expect(second.refreshToken).not.toBe(first.refreshToken);
      expect((await http().get('/users-auth-fixture').set(bearer(second.accessToken))).status).toBe(200);

      expectProblem(await refresh(first.refreshToken), 401, 'SECURITY.REFRESH_TOKEN_REUSED');
      // The family is dead: the newest token, which had not been used, no longer works either.
      expectProblem(await refresh(second.refreshToken), 401, 'SECURITY.INVALID_TOKEN');
    });

    it('logs out: the session ends, and a second logout is still 204', async () => {
      const user = await createUser(Role.VIEWER);
      const pair = await loginOk(user.email);
      expect((await http().post('/v1/auth/logout').send({ refreshToken: pair.refreshToken })).status).toBe(204);
      expectProblem(await refresh(pair.refreshToken), 401, 'SECURITY.INVALID_TOKEN');
      expect((await http().post('/v1/auth/logout').send({ refreshToken: pair.refreshToken })).status).toBe(204);
    });

    it('refuses garbage refresh tokens with 401 and a missing one with 400', async () => {
      expectProblem(await refresh('bwr_nope'), 401, 'SECURITY.INVALID_TOKEN');
      expectProblem(await http().post('/v1/auth/refresh').send({}), 400, 'COMMON.VALIDATION_FAILED');
    });
  });

  describe('brute-force throttling', () => {
    it('answers 429 with Retry-After after a few failures from one address, while the owner logs in from another', async () => {
      const user = await createUser(Role.VIEWER);
      const attacker = freshIp();
      for (let attempt = 0; attempt < 5; attempt += 1) {
        expectProblem(await login(user.email, `wrong-${attempt}-password`, attacker), 401, 'SECURITY.INVALID_CREDENTIALS');
      }
      const throttled = await login(user.email, 'wrong-again-password', attacker);
      expectProblem(throttled, 429, 'SECURITY.LOGIN_THROTTLED');
      expect(Number(throttled.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      // Even the right password waits from the guessing address...
      expectProblem(await login(user.email, PASSWORD, attacker), 429, 'SECURITY.LOGIN_THROTTLED');
      // ...but the owner, elsewhere, is not locked out.
      expect((await login(user.email, PASSWORD, freshIp())).status).toBe(200);
    });

    it('throttles an unknown account exactly like a real one', async () => {
      const attacker = freshIp();
      const email = `${randomUUID()}@example.com`;
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 6; attempt += 1) {
        statuses.push((await login(email, 'some-password', attacker)).status);
      }
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    });
  });
});
