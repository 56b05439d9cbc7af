import { AppConfig } from '@app/config';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, UnsecuredJWT, type JWTPayload } from 'jose';
import { randomBytes, randomUUID } from 'node:crypto';
import type request from 'supertest';

import { Role } from '../../../src/modules/security/index.js';
import { startAbuseApp, type AbuseApp } from '../../support/abuse/abuse-app.js';
import { expectProblem } from '../../support/abuse/problem.js';
import { loggedInUser } from '../../support/abuse/user-session.js';
import { bearer, issueAdminKey } from '../../support/principals.js';

const SECRET = randomBytes(32);
const PROTECTED_ROUTE = '/v1/system/info';

/**
 * Abuse case: forged access tokens. The verifier accepts HS256 under the configured secret only; a token that
 * names `none`, another HMAC, an asymmetric algorithm, or carries its own key (`jwk`) is refused whatever it claims.
 */
describe('abuse: JWT alg none and key confusion', () => {
  let target: AbuseApp;
  let claims: JWTPayload;

  beforeAll(async () => {
    target = await startAbuseApp({ JWT_SECRET: SECRET.toString('base64url'), RATE_LIMIT_ANONYMOUS: '100000' });
    const { issuer, audience } = target.app.get(AppConfig).auth.jwt;
    const now = Math.floor(Date.now() / 1000);
    // An admin's claims: what every forgery below tries to be.
    claims = { sub: randomUUID(), email: 'mallory@example.com', role: Role.ADMIN, tier: 'enterprise', iss: issuer, aud: audience, iat: now, nbf: now, exp: now + 300, jti: randomUUID() };
  });

  afterAll(() => target.close());

  const call = (token: string): Promise<request.Response> => target.http().get(PROTECTED_ROUTE).set(bearer(token));

  it('accepts the access token a login issues (the legitimate form)', async () => {
    const session = await loggedInUser(target, bearer(await issueAdminKey(target.app)));
    expect((await call(session.accessToken)).status).toBe(200);
  });

  it('accepts a well-formed HS256 token under the configured secret, so the refusals below are about the forgery', async () => {
    const token = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(SECRET);
    expect((await call(token)).status).toBe(200);
  });

  it('refuses an unsigned token (alg: none), with and without a trailing signature', async () => {
    const unsigned = new UnsecuredJWT(claims).encode();
    expectProblem(await call(unsigned), 401, 'SECURITY.INVALID_TOKEN');
    expectProblem(await call(`${unsigned}${randomBytes(32).toString('base64url')}`), 401, 'SECURITY.INVALID_TOKEN');
  });

  it('refuses another HMAC algorithm under the right secret (HS512)', async () => {
    const token = await new SignJWT(claims).setProtectedHeader({ alg: 'HS512' }).sign(SECRET);
    expectProblem(await call(token), 401, 'SECURITY.INVALID_TOKEN');
  });

  it('refuses an RS256 token that brings its own public key in the header (embedded jwk)', async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const token = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', jwk: await exportJWK(publicKey) }).sign(privateKey);
    expectProblem(await call(token), 401, 'SECURITY.INVALID_TOKEN');
  });

  it('refuses an ES256 token (asymmetric algorithms are never accepted)', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const token = await new SignJWT(claims).setProtectedHeader({ alg: 'ES256' }).sign(privateKey);
    expectProblem(await call(token), 401, 'SECURITY.INVALID_TOKEN');
  });

  it('refuses HS256 tokens keyed with a public key (PEM or JWK) that the token points at', async () => {
    const { publicKey } = await generateKeyPair('RS256', { extractable: true });
    const jwk = await exportJWK(publicKey);
    const pem = new TextEncoder().encode(await exportSPKI(publicKey));
    const withPem = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', jwk }).sign(pem);
    const withJwk = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', jwk, kid: 'attacker' }).sign(new TextEncoder().encode(JSON.stringify(jwk)));
    expectProblem(await call(withPem), 401, 'SECURITY.INVALID_TOKEN');
    expectProblem(await call(withJwk), 401, 'SECURITY.INVALID_TOKEN');
  });

  it('refuses a real token whose claims were edited after signing (viewer promoted to admin)', async () => {
    const session = await loggedInUser(target, bearer(await issueAdminKey(target.app)));
    const [header, payload, signature] = session.accessToken.split('.');
    const edited = { ...(JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as JWTPayload), role: Role.ADMIN };
    const forged = `${header!}.${Buffer.from(JSON.stringify(edited)).toString('base64url')}.${signature!}`;
    expectProblem(await call(forged), 401, 'SECURITY.INVALID_TOKEN');
  });
});
