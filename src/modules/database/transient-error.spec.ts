import { QueryFailedError, QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';

import { isDatabaseUnavailableError, isTransientDatabaseError, sqlStateOf } from './transient-error.js';

/** What node-postgres throws: an Error carrying the SQLSTATE (or a syscall code) in `code`. */
const pgError = (code: string, message = `pg error ${code}`): Error => Object.assign(new Error(message), { code });

/** A wrapper that carries the driver error only in `driverError`, as TypeORM's QueryFailedError does. */
const wrapped = (driverError: unknown): Error => Object.assign(new Error('query failed'), { driverError });

describe('isTransientDatabaseError', () => {
  it.each([
    ['40001', 'serialization_failure'],
    ['40P01', 'deadlock_detected'],
    ['53300', 'too_many_connections'],
    ['57P01', 'admin_shutdown'],
    ['57P03', 'cannot_connect_now'],
    ['08006', 'connection_failure'],
    ['08001', 'sqlclient_unable_to_establish_sqlconnection'],
    ['ECONNREFUSED', 'connection refused'],
    ['ECONNRESET', 'connection reset'],
    ['ETIMEDOUT', 'connect timeout'],
  ])('is true for %s (%s)', (code) => {
    expect(isTransientDatabaseError(pgError(code))).toBe(true);
  });

  it.each([
    ['23505', 'unique_violation'],
    ['23503', 'foreign_key_violation'],
    ['42P01', 'undefined_table'],
    ['42601', 'syntax_error'],
    ['57014', 'query_canceled'],
    ['22P02', 'invalid_text_representation'],
  ])('is false for %s (%s)', (code) => {
    expect(isTransientDatabaseError(pgError(code))).toBe(false);
  });

  it('finds the code in driverError, as TypeORM wraps it', () => {
    expect(isTransientDatabaseError(wrapped(pgError('40P01')))).toBe(true);
    expect(isTransientDatabaseError(wrapped(pgError('23505')))).toBe(false);
  });

  it('recognises a real QueryFailedError', () => {
    expect(isTransientDatabaseError(new QueryFailedError('SELECT 1', [], pgError('40001')))).toBe(true);
    expect(isTransientDatabaseError(new QueryFailedError('SELECT 1', [], pgError('42P01')))).toBe(false);
    expect(isTransientDatabaseError(new QueryFailedError('SELECT 1', [], new Error('Client was closed and is not queryable')))).toBe(true);
  });

  it('finds the code in a cause chain', () => {
    const error = new Error('outer', { cause: new Error('middle', { cause: pgError('ECONNREFUSED') }) });

    expect(isTransientDatabaseError(error)).toBe(true);
  });

  it('stops on a cyclic chain', () => {
    const error: Error & { cause?: unknown } = new Error('cyclic');
    error.cause = error;

    expect(isTransientDatabaseError(error)).toBe(false);
  });

  it.each([
    'Connection terminated unexpectedly',
    'timeout exceeded when trying to connect',
    'Connection timeout',
    'server closed the connection unexpectedly',
    'Client has encountered a connection error and is not queryable',
    'Client was closed and is not queryable',
  ])(
    'is true for an error without a code whose message is %p',
    (message) => {
      expect(isTransientDatabaseError(new Error(message))).toBe(true);
    },
  );

  it('reads messages only from Error instances', () => {
    expect(isTransientDatabaseError({ message: 'Connection terminated' })).toBe(false);
  });

  it.each([[undefined], [null], ['ECONNREFUSED'], [42], [new Error('relation "users" does not exist')]])('is false for %p', (value) => {
    expect(isTransientDatabaseError(value)).toBe(false);
  });
});

describe('isDatabaseUnavailableError', () => {
  it.each(['57P03', '08006', '53300', 'ECONNREFUSED', 'EAI_AGAIN'])('is true for %s', (code) => {
    expect(isDatabaseUnavailableError(pgError(code))).toBe(true);
  });

  it('is true for a wrapped outage', () => {
    expect(isDatabaseUnavailableError(wrapped(pgError('ECONNREFUSED')))).toBe(true);
  });

  it('is true for a dropped connection without a code', () => {
    expect(isDatabaseUnavailableError(new Error('Connection terminated unexpectedly'))).toBe(true);
  });

  it.each([
    ['the runner', new QueryRunnerAlreadyReleasedError()],
    ['the data source', new QueryRunnerProviderAlreadyReleasedError()],
  ])('is true when %s refuses a query runner TypeORM released because its connection failed', (_where, error) => {
    expect(isDatabaseUnavailableError(error)).toBe(true);
  });

  it.each(['40001', '40P01'])('is false for %s, which is contention rather than an outage', (code) => {
    expect(isDatabaseUnavailableError(pgError(code))).toBe(false);
    expect(isDatabaseUnavailableError(wrapped(pgError(code)))).toBe(false);
  });

  it.each(['23505', '42P01'])('is false for the statement error %s', (code) => {
    expect(isDatabaseUnavailableError(pgError(code))).toBe(false);
  });
});

describe('sqlStateOf', () => {
  it('returns the outermost code it finds', () => {
    expect(sqlStateOf(wrapped(pgError('23505')))).toBe('23505');
    expect(sqlStateOf(Object.assign(new Error('x'), { code: '40001', driverError: pgError('23505') }))).toBe('40001');
  });

  it('ignores codes that are not strings', () => {
    expect(sqlStateOf({ code: 23505, cause: pgError('08006') })).toBe('08006');
  });

  it('returns undefined when nothing carries a code', () => {
    expect(sqlStateOf(new Error('plain'))).toBeUndefined();
  });
});
