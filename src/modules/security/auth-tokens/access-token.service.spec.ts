import { testConfig } from '@app/testing';
import { exportSPKI, generateKeyPair, SignJWT, UnsecuredJWT, type JWTPayload } from 'jose';
import { randomBytes } from 'node:crypto';

import { Role, ROLE_SCOPES, Tier } from '../security.constants.js';
import { AccessTokenService } from './access-token.service.js';

const SECRET = randomBytes(32);
const SUBJECT = { id: '6f1c1d2e-0a4b-4c5d-8e9f-0123456789ab', email: 'ada@example.com', role: Role.VIEWER, tier: Tier.PRO };
const now = (): number => Math.floor(Date.now() / 1000);

/** A token as an attacker or a misconfigured peer would make it: every claim and the key under the test's control. */
function forge(claims: JWTPayload, key: Uint8Array = SECRET, alg = 'HS256'): Promise<string> {
  const issuedAt = now();
  const payload = { sub: SUBJECT.id, email: SUBJECT.email, role: SUBJECT.role, tier: SUBJECT.tier, iss: 'bulwark', aud: 'bulwark-api', iat: issuedAt, nbf: issuedAt, exp: issuedAt + 600 };
  return new SignJWT({ ...payload, ...claims }).setProtectedHeader({ alg }).sign(key);
}

describe(AccessTokenService.name, () => {
  const service = new AccessTokenService(
    testConfig({ JWT_SECRET: SECRET.toString('base64url'), JWT_ISSUER: 'bulwark', JWT_AUDIENCE: 'bulwark-api', JWT_ACCESS_TTL_MS: '900000', JWT_CLOCK_SKEW_MS: '30000' }),
  );

  describe('sign and verify', () => {
    it('round-trips a user into its principal, scopes from its role', async () => {
      const token = await service.sign(SUBJECT);
      await expect(service.verify(token)).resolves.toEqual({ kind: 'user', ...SUBJECT, scopes: ROLE_SCOPES[Role.VIEWER] });
    });

    it('signs HS256 with iss, aud, sub, iat, nbf, exp and a lifetime of the configured TTL', async () => {
      const [header, payload] = (await service.sign(SUBJECT)).split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()) as Record<string, unknown>);
      expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
      expect(payload).toMatchObject({ iss: 'bulwark', aud: 'bulwark-api', sub: SUBJECT.id, role: 'viewer' });
      expect(Number(payload!.exp) - Number(payload!.iat)).toBe(900);
      expect(payload!.nbf).toBe(payload!.iat);
    });

    it('accepts a token forged with our own key and claims (the test helper is faithful)', async () => {
      await expect(service.verify(await forge({}))).resolves.toMatchObject({ id: SUBJECT.id });
    });
  });

  describe('verify rejects', () => {
    it('alg none', async () => {
      const unsecured = new UnsecuredJWT({ email: SUBJECT.email, role: 'admin', tier: 'pro' })
        .setSubject(SUBJECT.id)
        .setIssuer('bulwark')
        .setAudience('bulwark-api')
        .setIssuedAt()
        .setNotBefore(now())
        .setExpirationTime('5m')
        .encode();
      await expect(service.verify(unsecured)).resolves.toBeNull();
    });

    it('HS256 signed with a different key', async () => {
      await expect(service.verify(await forge({}, randomBytes(32)))).resolves.toBeNull();
    });

    it('RS256, even with valid claims', async () => {
      const { privateKey } = await generateKeyPair('RS256');
      await expect(service.verify(await forge({}, privateKey as unknown as Uint8Array, 'RS256'))).resolves.toBeNull();
    });

    it('HS256 whose secret is a public key (algorithm confusion)', async () => {
      const { publicKey } = await generateKeyPair('RS256');
      const pem = new TextEncoder().encode(await exportSPKI(publicKey));
      await expect(service.verify(await forge({}, pem))).resolves.toBeNull();
    });

    it('an expired token, beyond the clock skew', async () => {
      await expect(service.verify(await forge({ iat: now() - 1000, nbf: now() - 1000, exp: now() - 31 }))).resolves.toBeNull();
    });

    it('a token not valid yet, beyond the clock skew, but accepts one within it', async () => {
      await expect(service.verify(await forge({ nbf: now() + 120 }))).resolves.toBeNull();
      await expect(service.verify(await forge({ nbf: now() + 10 }))).resolves.not.toBeNull();
    });

    it('a token issued in the future or living longer than the configured TTL', async () => {
      await expect(service.verify(await forge({ iat: now() + 120 }))).resolves.toBeNull();
      await expect(service.verify(await forge({ iat: now() - 2000, nbf: now() - 2000, exp: now() + 60 }))).resolves.toBeNull();
    });

    it('the wrong issuer or audience', async () => {
      await expect(service.verify(await forge({ iss: 'someone-else' }))).resolves.toBeNull();
      await expect(service.verify(await forge({ aud: 'another-api' }))).resolves.toBeNull();
    });

    it('a missing exp', async () => {
      const token = await new SignJWT({ email: SUBJECT.email, role: 'viewer', tier: 'pro' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(SUBJECT.id)
        .setIssuer('bulwark')
        .setAudience('bulwark-api')
        .setIssuedAt()
        .setNotBefore(now())
        .sign(SECRET);
      await expect(service.verify(token)).resolves.toBeNull();
    });

    it('a tampered payload (viewer raised to admin, signature kept)', async () => {
      const [header, payload, signature] = (await service.sign(SUBJECT)).split('.') as [string, string, string];
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
      const raised = Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url');
      await expect(service.verify(`${header}.${raised}.${signature}`)).resolves.toBeNull();
    });

    it('an unknown role or tier, even when signed by us', async () => {
      await expect(service.verify(await forge({ role: 'superuser' }))).resolves.toBeNull();
      await expect(service.verify(await forge({ tier: 'platinum' }))).resolves.toBeNull();
    });

    it.each(['', 'not-a-jwt', 'a.b.c', 'eyJhbGciOiJub25lIn0.e30.', '....'])('garbage %p', async (token) => {
      await expect(service.verify(token)).resolves.toBeNull();
    });
  });
});
