import { REDACTED, REDACTED_LOG_PATHS, redactUrl } from './redact.js';

describe('redactUrl', () => {
  it('hides the password and keeps user, host, port, database and options', () => {
    const redacted = redactUrl('postgres://app:hunter2@db.internal:5432/bulwark?sslmode=require');

    expect(redacted).not.toContain('hunter2');
    const parsed = new URL(redacted);
    expect(decodeURIComponent(parsed.password)).toBe(REDACTED);
    expect(parsed.username).toBe('app');
    expect(parsed.host).toBe('db.internal:5432');
    expect(parsed.pathname).toBe('/bulwark');
    expect(parsed.searchParams.get('sslmode')).toBe('require');
  });

  it('hides a password given without a user name', () => {
    expect(redactUrl('rediss://:s3cret@cache.internal:6380/2')).not.toContain('s3cret');
  });

  it('hides a percent-encoded password', () => {
    const redacted = redactUrl('postgres://app:p%40ss%3Aword@db/app');

    expect(redacted).not.toContain('p%40ss');
    expect(redacted).not.toContain('word');
  });

  it('hides a password passed as a query parameter (libpq and node-postgres honour ?password=)', () => {
    const redacted = redactUrl('postgresql://app@db:5432/bulwark?password=hunter2&application_name=x');

    expect(redacted).not.toContain('hunter2');
    expect(new URL(redacted).searchParams.get('application_name')).toBe('x');
  });

  it.each(['redis://cache:6379', 'postgres://postgres@127.0.0.1:5432/postgres', 'postgresql://db/app?sslmode=require'])(
    'leaves %p, which has no password, unchanged',
    (url) => {
      expect(redactUrl(url)).toBe(url);
    },
  );

  it.each(['not a url', '', 'hunter2@@db'])('returns only the marker for the unparseable %p', (garbage) => {
    expect(redactUrl(garbage)).toBe(REDACTED);
  });
});

describe('REDACTED_LOG_PATHS', () => {
  it('covers the credential-bearing request headers', () => {
    expect(REDACTED_LOG_PATHS).toEqual(
      expect.arrayContaining(['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]', 'res.headers["set-cookie"]']),
    );
  });
});
