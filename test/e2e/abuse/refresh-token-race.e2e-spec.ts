import type request from 'supertest';

import { startAbuseApp, type AbuseApp } from '../../support/abuse/abuse-app.js';
import { expectProblem } from '../../support/abuse/problem.js';
import { loggedInUser, USER_PASSWORD, type TokenPair } from '../../support/abuse/user-session.js';
import { bearer, issueAdminKey } from '../../support/principals.js';

const CONCURRENT_USES = 8;

/**
 * Abuse case: a stolen refresh token raced against its owner. Rotation is one-time: of concurrent uses of one
 * token exactly one gets a successor; every other use counts as reuse, which revokes the whole family, so the
 * winner's successor is dead too and the session has to log in again.
 */
describe('abuse: concurrent use of one refresh token', () => {
  let target: AbuseApp;
  let admin: Record<string, string>;

  beforeAll(async () => {
    target = await startAbuseApp({ RATE_LIMIT_ANONYMOUS: '100000', AUTO_BLOCK_LOGIN_FAILURE_THRESHOLD: '0' });
    admin = bearer(await issueAdminKey(target.app));
  });

  afterAll(() => target.close());

  const refresh = (refreshToken: string): request.Test => target.http().post('/v1/auth/refresh').send({ refreshToken });

  it('rotates a token used once, and the successor works (the legitimate form)', async () => {
    const session = await loggedInUser(target, admin);
    const first = await refresh(session.refreshToken);
    expect(first.status).toBe(200);
    const second = await refresh((first.body as TokenPair).refreshToken);
    expect(second.status).toBe(200);
    expect((await target.http().get('/v1/system/info').set(bearer((second.body as TokenPair).accessToken))).status).toBe(200);
  });

  it(`lets exactly one of ${CONCURRENT_USES} concurrent uses rotate, and revokes the family for the rest`, async () => {
    const session = await loggedInUser(target, admin);
    const answers = await Promise.all(Array.from({ length: CONCURRENT_USES }, () => refresh(session.refreshToken)));

    const winners = answers.filter((response) => response.status === 200);
    expect(winners).toHaveLength(1);
    for (const loser of answers.filter((response) => response.status !== 200)) {
      expectProblem(loser, 401);
      expect(['SECURITY.REFRESH_TOKEN_REUSED', 'SECURITY.INVALID_TOKEN']).toContain(loser.body.code);
    }
    expect(answers.some((response) => response.body.code === 'SECURITY.REFRESH_TOKEN_REUSED')).toBe(true);

    // The family is revoked: the winner's successor is refused, and so is the original again.
    expectProblem(await refresh((winners[0]!.body as TokenPair).refreshToken), 401, 'SECURITY.INVALID_TOKEN');
    expectProblem(await refresh(session.refreshToken), 401);
  });

  it('keeps other sessions of the same user alive', async () => {
    const raced = await loggedInUser(target, admin);
    const bystander = await target.http().post('/v1/auth/login').send({ email: raced.email, password: USER_PASSWORD }).expect(200);
    await Promise.all([refresh(raced.refreshToken), refresh(raced.refreshToken)]);
    expect((await refresh((bystander.body as TokenPair).refreshToken)).status).toBe(200);
  });
});
