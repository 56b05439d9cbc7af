import { ConfigValidationError } from './config-validation.error.js';
import { EnvironmentVariables } from './environment-variables.js';
import { validateEnvironment } from './validate-environment.js';

function problemsOf(raw: Record<string, string | undefined>): readonly string[] {
  try {
    validateEnvironment(raw);
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      return error.problems;
    }
    throw error;
  }
  throw new Error('expected validateEnvironment to throw a ConfigValidationError');
}

describe('validateEnvironment', () => {
  it('returns an EnvironmentVariables instance with every default applied for an empty environment', () => {
    const vars = validateEnvironment({});

    expect(vars).toBeInstanceOf(EnvironmentVariables);
    expect(vars).toMatchObject({
      NODE_ENV: 'development',
      HOST: '0.0.0.0',
      PORT: 3000,
      DATA_DIR: './.data',
      LOG_LEVEL: 'info',
      LOG_REQUESTS: true,
      DATABASE_EMBEDDED_PORT: 54329,
      DATABASE_POOL_MAX: 10,
      DATABASE_POOL_MIN: 0,
      DATABASE_IDLE_TIMEOUT_MS: 30_000,
      DATABASE_ACQUIRE_TIMEOUT_MS: 5_000,
      DATABASE_STATEMENT_TIMEOUT_MS: 30_000,
      DATABASE_APPLICATION_NAME: 'bulwark',
      DATABASE_MIGRATIONS_RUN: true,
      DATABASE_CONNECT_ATTEMPTS: 8,
      REDIS_COMMAND_TIMEOUT_MS: 1_000,
      HTTP_BODY_LIMIT_BYTES: 1_048_576,
      HTTP_CORS_ORIGINS: '',
      HTTP_DOCS_ENABLED: true,
      SHUTDOWN_DRAIN_DELAY_MS: 5_000,
      SHUTDOWN_TIMEOUT_MS: 20_000,
    });
    expect(vars.DATABASE_URL).toBeUndefined();
    expect(vars.DATABASE_EMBEDDED_PASSWORD).toBeUndefined();
    expect(vars.REDIS_URL).toBeUndefined();
  });

  it('parses integer variables into numbers', () => {
    const vars = validateEnvironment({ PORT: '8080', DATABASE_POOL_MAX: '25', SHUTDOWN_TIMEOUT_MS: '0' });

    expect(vars.PORT).toBe(8080);
    expect(vars.DATABASE_POOL_MAX).toBe(25);
    expect(vars.SHUTDOWN_TIMEOUT_MS).toBe(0);
  });

  it('trims surrounding whitespace before parsing', () => {
    const vars = validateEnvironment({ PORT: ' 8080 ', LOG_LEVEL: ' debug\n' });

    expect(vars.PORT).toBe(8080);
    expect(vars.LOG_LEVEL).toBe('debug');
  });

  it.each([
    ['true', true],
    ['TRUE', true],
    ['1', true],
    ['yes', true],
    ['on', true],
    ['false', false],
    ['False', false],
    ['0', false],
    ['no', false],
    ['off', false],
  ])('parses the boolean spelling %p as %p', (raw, expected) => {
    expect(validateEnvironment({ LOG_REQUESTS: raw }).LOG_REQUESTS).toBe(expected);
  });

  it('treats an empty or blank value as unset, so the default applies', () => {
    const vars = validateEnvironment({ PORT: '', LOG_REQUESTS: '   ', DATABASE_URL: '', NODE_ENV: '' });

    expect(vars.PORT).toBe(3000);
    expect(vars.LOG_REQUESTS).toBe(true);
    expect(vars.DATABASE_URL).toBeUndefined();
    expect(vars.NODE_ENV).toBe('development');
  });

  it('ignores variables the schema does not declare', () => {
    const vars = validateEnvironment({ PATH: '/usr/bin', SOMETHING_ELSE: 'x' });

    expect(Object.keys(vars)).not.toContain('PATH');
    expect(Object.keys(vars)).not.toContain('SOMETHING_ELSE');
  });

  it('keeps string variables as given', () => {
    const vars = validateEnvironment({ HOST: '127.0.0.1', DATABASE_APPLICATION_NAME: 'bulwark-worker', NODE_ENV: 'production' });

    expect(vars.HOST).toBe('127.0.0.1');
    expect(vars.DATABASE_APPLICATION_NAME).toBe('bulwark-worker');
    expect(vars.NODE_ENV).toBe('production');
  });

  it('throws one ConfigValidationError naming every bad variable', () => {
    const bad = {
      PORT: 'eighty',
      LOG_REQUESTS: 'maybe',
      LOG_LEVEL: 'loud',
      NODE_ENV: 'staging',
      DATABASE_POOL_MAX: '0',
      DATABASE_EMBEDDED_PORT: '80',
    };

    let thrown: unknown;
    try {
      validateEnvironment({ ...bad, HOST: 'fine' });
    } catch (error) {
      thrown = error;
    }

    expect(thrown).toBeInstanceOf(ConfigValidationError);
    const problems = (thrown as ConfigValidationError).problems;
    for (const name of Object.keys(bad)) {
      expect(problems.some((problem) => problem.startsWith(name))).toBe(true);
    }
    expect(problems.some((problem) => problem.includes('HOST'))).toBe(false);
    expect((thrown as ConfigValidationError).message).toContain(`${problems.length} problems`);
  });

  it.each([
    ['PORT', '65536'],
    ['PORT', '-1'],
    ['PORT', '3000.5'],
    ['PORT', '1e3'],
    ['DATABASE_EMBEDDED_PORT', '1023'],
    ['DATABASE_POOL_MAX', '1001'],
    ['DATABASE_CONNECT_ATTEMPTS', '0'],
    ['DATABASE_ACQUIRE_TIMEOUT_MS', '0'],
    ['REDIS_COMMAND_TIMEOUT_MS', '0'],
    ['HTTP_BODY_LIMIT_BYTES', 'lots'],
    ['DATABASE_APPLICATION_NAME', 'x'.repeat(64)],
    ['DATABASE_EMBEDDED_PASSWORD', 'x'.repeat(257)],
    ['HTTP_DOCS_ENABLED', 'enabled'],
  ])('rejects %s=%p', (name, value) => {
    const problems = problemsOf({ [name]: value });

    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((problem) => problem.startsWith(name))).toBe(true);
  });

  it.each(['mysql://user:pw@db/app', 'http://db:5432/app', 'postgres://', 'db.internal:5432', 'postgres://host/db with space'])(
    'rejects DATABASE_URL=%p',
    (url) => {
      expect(problemsOf({ DATABASE_URL: url })).toEqual(['DATABASE_URL must be a postgres:// or postgresql:// URL']);
    },
  );

  it.each(['postgres://user:pw@db:5432/app', 'postgresql://db/app?sslmode=require'])('accepts DATABASE_URL=%p', (url) => {
    expect(validateEnvironment({ DATABASE_URL: url }).DATABASE_URL).toBe(url);
  });

  it.each(['http://cache:6379', 'memcached://cache:11211', 'cache:6379', 'redis://'])('rejects REDIS_URL=%p', (url) => {
    expect(problemsOf({ REDIS_URL: url })).toEqual(['REDIS_URL must be a redis:// or rediss:// URL']);
  });

  it.each(['redis://cache:6379', 'rediss://:secret@cache:6380/2'])('accepts REDIS_URL=%p', (url) => {
    expect(validateEnvironment({ REDIS_URL: url }).REDIS_URL).toBe(url);
  });

  it('never puts a rejected value into its problems', () => {
    const problems = problemsOf({ DATABASE_URL: 'mysql://admin:hunter2@db/app', REDIS_URL: 'http://:s3cret@cache' });

    expect(problems.join('\n')).not.toContain('hunter2');
    expect(problems.join('\n')).not.toContain('s3cret');
  });
});
