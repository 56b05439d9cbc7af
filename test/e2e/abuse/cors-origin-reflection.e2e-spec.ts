import { startAbuseApp, type AbuseApp } from '../../support/abuse/abuse-app.js';

const ALLOWED = 'https://app.example.com';
const PROTECTED_ROUTE = '/v1/system/info';

/**
 * Abuse case: CORS that echoes any Origin into Access-Control-Allow-Origin with credentials lets every site read
 * a logged-in user's answers. Only configured origins are granted, matched exactly; the rest get no grant at all.
 */
describe('abuse: CORS origin reflection', () => {
  let configured: AbuseApp;
  let unconfigured: AbuseApp;

  beforeAll(async () => {
    configured = await startAbuseApp({ HTTP_CORS_ORIGINS: ALLOWED });
    unconfigured = await startAbuseApp();
  });

  afterAll(async () => {
    await configured.close();
    await unconfigured.close();
  });

  it('grants the configured origin, with credentials (the legitimate form)', async () => {
    const response = await configured.http().get('/health/live').set('Origin', ALLOWED);
    expect(response.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(response.headers['access-control-allow-credentials']).toBe('true');
    expect(response.headers.vary).toMatch(/origin/i);
  });

  it.each([
    'https://evil.example.net',
    'null',
    'https://app.example.com.evil.net',
    'https://evilapp.example.com',
    'http://app.example.com',
    'https://app.example.com:8443',
    'https://APP.example.com',
  ])('grants nothing to %s, on a simple request or a preflight', async (origin) => {
    const simple = await configured.http().get(PROTECTED_ROUTE).set('Origin', origin);
    const preflight = await configured.http().options(PROTECTED_ROUTE).set('Origin', origin).set('Access-Control-Request-Method', 'GET').set('Access-Control-Request-Headers', 'authorization');
    // The cors package sends Allow-Credentials on every answer; without a matching Allow-Origin it grants nothing.
    for (const response of [simple, preflight]) {
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    }
  });

  it('grants no origin at all when none is configured', async () => {
    const response = await unconfigured.http().get('/health/live').set('Origin', ALLOWED);
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    expect(response.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('serves public assets to any origin only as `*`, which browsers never combine with credentials', async () => {
    const response = await configured.http().get('/cdn/latest/missing.js').set('Origin', 'https://evil.example.net');
    expect(response.headers['access-control-allow-origin']).not.toBe('https://evil.example.net');
    expect(response.headers['access-control-allow-credentials']).toBeUndefined();
  });
});
