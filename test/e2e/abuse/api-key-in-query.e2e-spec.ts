import { FixturesController } from '../../support/fixtures.controller.js';
import { startAbuseApp, type AbuseApp } from '../../support/abuse/abuse-app.js';
import { expectProblem } from '../../support/abuse/problem.js';
import { loggedInUser } from '../../support/abuse/user-session.js';
import { bearer, issueAdminKey, issueApiKey } from '../../support/principals.js';

const PROTECTED_ROUTE = '/v1/system/info';
const PUBLIC_ROUTE = '/fixtures/slow';
const CREDENTIAL_PARAMS = ['api_key', 'apikey', 'api-key', 'key', 'access_token', 'token'];

/**
 * Abuse case: a credential in the URL (`?api_key=`, `?access_token=`) leaks into access logs, browser history and
 * Referer headers. It never authenticates: the request is refused with a 400 saying where credentials belong.
 */
describe('abuse: credentials in the query string', () => {
  let target: AbuseApp;
  let key: string;
  let accessToken: string;

  beforeAll(async () => {
    target = await startAbuseApp({ RATE_LIMIT_ANONYMOUS: '100000' }, [FixturesController]);
    key = await issueApiKey(target.app);
    accessToken = (await loggedInUser(target, bearer(await issueAdminKey(target.app)))).accessToken;
  });

  afterAll(() => target.close());

  it('authenticates the same key and token in the headers (the legitimate form)', async () => {
    expect((await target.http().get(PROTECTED_ROUTE).set(bearer(key))).status).toBe(200);
    expect((await target.http().get(PROTECTED_ROUTE).set('X-API-Key', key)).status).toBe(200);
    expect((await target.http().get(PROTECTED_ROUTE).set(bearer(accessToken))).status).toBe(200);
  });

  it.each(CREDENTIAL_PARAMS)('refuses a valid key in ?%s= with 400 and never echoes it', async (param) => {
    const response = await target.http().get(`${PROTECTED_ROUTE}?${param}=${encodeURIComponent(key)}`);
    expectProblem(response, 400, 'SECURITY.API_KEY_IN_QUERY');
    expect(response.text).not.toContain(key);
  });

  it('refuses a valid access token in ?access_token= with 400', async () => {
    const response = await target.http().get(`${PROTECTED_ROUTE}?access_token=${accessToken}`);
    expectProblem(response, 400, 'SECURITY.API_KEY_IN_QUERY');
    expect(response.text).not.toContain(accessToken);
  });

  it('refuses a query credential on a public route and beside a valid header too: the URL itself is the leak', async () => {
    expectProblem(await target.http().get(`${PUBLIC_ROUTE}?ms=0&api_key=${key}`), 400, 'SECURITY.API_KEY_IN_QUERY');
    expectProblem(await target.http().get(`${PROTECTED_ROUTE}?api_key=${key}`).set(bearer(key)), 400, 'SECURITY.API_KEY_IN_QUERY');
  });

  it('refuses a repeated parameter (?api_key=a&api_key=b) the same way', async () => {
    expectProblem(await target.http().get(`${PROTECTED_ROUTE}?api_key=${key}&api_key=${key}`), 400, 'SECURITY.API_KEY_IN_QUERY');
  });

  it('never authenticates a differently spelled parameter either', async () => {
    for (const param of ['API_KEY', 'Api-Key', 'X-API-Key', 'authorization']) {
      const response = await target.http().get(`${PROTECTED_ROUTE}?${param}=${key}`);
      expect([400, 401]).toContain(response.status);
      expect(response.text).not.toContain(key);
    }
  });
});
