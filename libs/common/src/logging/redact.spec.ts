import { pino } from 'pino';
import { Writable } from 'node:stream';

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

  it('keeps credentials out of real pino output: headers, bound query values, nested secrets', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = pino({ redact: { paths: REDACTED_LOG_PATHS, censor: REDACTED } }, sink);
    const failed = Object.assign(new Error('duplicate key'), {
      parameters: ['ada@example.com', 'hunter2'],
      driverError: { parameters: ['hunter2'] },
    });

    logger.error({
      req: { headers: { authorization: 'Bearer s3cret-token', 'x-api-key': 'bk_live_abc' } },
      err: failed,
      user: { password: 'hunter2', apiKey: 'bk_live_abc' },
    });

    const output = lines.join('');
    expect(output).toContain('duplicate key');
    for (const secret of ['s3cret-token', 'bk_live_abc', 'hunter2', 'ada@example.com']) {
      expect(output).not.toContain(secret);
    }
  });
});
