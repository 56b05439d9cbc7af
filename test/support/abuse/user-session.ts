import { randomUUID } from 'node:crypto';
import request from 'supertest';

import { Role } from '../../../src/modules/security/index.js';
import type { AbuseApp } from './abuse-app.js';

export const USER_PASSWORD = 'correct horse battery staple';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

/** A fresh user created through the API by `admin`, logged in once: its first token pair. */
export async function loggedInUser(target: AbuseApp, admin: Record<string, string>, role = Role.VIEWER): Promise<TokenPair & { email: string }> {
  const email = `${randomUUID()}@example.com`;
  await target.http().post('/v1/users').set(admin).send({ email, password: USER_PASSWORD, role }).expect(201);
  const login: request.Response = await target.http().post('/v1/auth/login').send({ email, password: USER_PASSWORD }).expect(200);
  return { email, ...(login.body as TokenPair) };
}
