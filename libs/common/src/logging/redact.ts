/** Log paths whose values are credentials; pino replaces them before a line is written. */
export const REDACTED_LOG_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.secret',
  '*.token',
  '*.apiKey',
  '*.databaseUrl',
  '*.redisUrl',
  // TypeORM's QueryFailedError carries the bound values of the failed statement; they may be credentials.
  '*.parameters',
  '*.driverError.parameters',
];

export const REDACTED = '[REDACTED]';

/** A connection URL fit for logs: the password (and the user's name, which can be a key) hidden. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) {
      parsed.password = REDACTED;
    }
    // libpq and node-postgres also take the password as a query parameter.
    if (parsed.searchParams.has('password')) {
      parsed.searchParams.set('password', REDACTED);
    }
    return parsed.toString();
  } catch {
    return REDACTED;
  }
}
