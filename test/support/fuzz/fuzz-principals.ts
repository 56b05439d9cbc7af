import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import request from 'supertest';

import { ALL_SCOPES, Role, Tier } from '../../../src/modules/security/index.js';
import { bearer, issueApiKey } from '../principals.js';

/** Who a fuzzed request claims to be: its headers and the secrets a response must never repeat. */
export interface FuzzPrincipal {
  name: string;
  headers: Record<string, string>;
  secrets: string[];
}

export const PRINCIPAL_NAMES = ['anonymous', 'an API key with no scopes', 'an API key with every scope', 'a viewer user token', 'an admin user token'] as const;
export type PrincipalName = (typeof PRINCIPAL_NAMES)[number];

async function userToken(app: INestApplication, adminKey: string, role: Role): Promise<FuzzPrincipal & { password: string }> {
  const email = `fuzz-${role}-${randomUUID()}@example.com`;
  const password = `fuzz ${randomUUID()} passphrase`;
  const created = await request(app.getHttpServer()).post('/v1/users').set(bearer(adminKey)).send({ email, password, role });
  if (created.status !== 201) {
    throw new Error(`creating the ${role} user answered ${created.status}`);
  }
  const login = await request(app.getHttpServer()).post('/v1/auth/login').send({ email, password });
  const { accessToken } = login.body as { accessToken?: string };
  if (!accessToken) {
    throw new Error(`logging in as the ${role} user answered ${login.status}`);
  }
  return { name: role, headers: bearer(accessToken), secrets: [accessToken, password], password };
}

/** One of each kind of caller: anonymous, keys at both ends of the scope range, and user tokens of two roles. */
export async function createFuzzPrincipals(app: INestApplication): Promise<Record<PrincipalName, FuzzPrincipal>> {
  const noScopes = await issueApiKey(app, { scopes: [], name: 'fuzz-no-scopes' });
  const everyScope = await issueApiKey(app, { scopes: [...ALL_SCOPES], tier: Tier.ENTERPRISE, name: 'fuzz-every-scope' });
  const viewer = await userToken(app, everyScope, Role.VIEWER);
  const admin = await userToken(app, everyScope, Role.ADMIN);
  return {
    anonymous: { name: 'anonymous', headers: {}, secrets: [] },
    'an API key with no scopes': { name: 'no-scopes key', headers: bearer(noScopes), secrets: [noScopes] },
    'an API key with every scope': { name: 'every-scope key', headers: bearer(everyScope), secrets: [everyScope] },
    'a viewer user token': viewer,
    'an admin user token': admin,
  };
}
