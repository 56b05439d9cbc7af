import { FixturesController } from '../../support/fixtures.controller.js';
import { startAbuseApp, type AbuseApp } from '../../support/abuse/abuse-app.js';
import { expectProblem } from '../../support/abuse/problem.js';
import { bearer, issueAdminKey } from '../../support/principals.js';

/** Validated list routes and the query parameter each is polluted with. */
const POLLUTED: Array<[string, string]> = [
  ['/fixtures/slow', 'ms=1&ms=2'],
  ['/v1/audit/events', 'limit=1&limit=2'],
  ['/v1/audit/events', 'action=a&action=b'],
  ['/v1/security/ip-blocks', 'limit=5&limit=500'],
  ['/v1/users', 'limit=1&limit=1'],
  ['/v1/monitoring/alerts', 'limit=1&limit=2'],
  ['/v1/assets', 'limit=1&limit=2'],
];

/**
 * Abuse case: HTTP parameter pollution. A repeated query parameter arrives as an array where a validated DTO
 * expects one value; hoping that one layer reads the first and another the last. It is refused with a clear 400
 * naming the parameter, never a 500 and never half-applied.
 */
describe('abuse: HTTP parameter pollution on validated queries', () => {
  let target: AbuseApp;
  let admin: Record<string, string>;

  beforeAll(async () => {
    target = await startAbuseApp({ RATE_LIMIT_ANONYMOUS: '100000' }, [FixturesController]);
    admin = bearer(await issueAdminKey(target.app));
  });

  afterAll(() => target.close());

  it('answers each route with a single value (the legitimate form)', async () => {
    for (const [path, polluted] of POLLUTED) {
      const single = polluted.split('&')[0]!;
      expect([path, (await target.http().get(`${path}?${single}`).set(admin)).status]).toEqual([path, 200]);
    }
  });

  it.each(POLLUTED)('refuses %s?%s with 400 naming the parameter', async (path, polluted) => {
    const response = await target.http().get(`${path}?${polluted}`).set(admin);
    expectProblem(response, 400, 'COMMON.VALIDATION_FAILED');
    const name = polluted.split('=')[0]!;
    expect((response.body.errors as Array<{ field: string }>).map((error) => error.field)).toContain(name);
  });
});
