import { AppException } from '@app/common';
import { QueryFailedError } from 'typeorm';

import { DatabaseException, DatabaseExceptionCode } from './database.exception.js';
import { mapPostgresError } from './postgres-error.mapper.js';

type PgFields = { code: string; detail?: string; column?: string; constraint?: string };

const pgError = (fields: PgFields, message = 'database error'): Error => Object.assign(new Error(message), fields);
const queryFailed = (fields: PgFields): QueryFailedError => new QueryFailedError('INSERT …', [], pgError(fields));

function mapped(error: unknown): AppException {
  const result = mapPostgresError(error);
  if (!result) {
    throw new Error('expected the mapper to recognise the error');
  }
  return result;
}

describe('mapPostgresError', () => {
  describe('23505 unique_violation', () => {
    it('becomes a 409 DATABASE.UNIQUE_VIOLATION naming the key column', () => {
      const result = mapped(queryFailed({ code: '23505', detail: 'Key (email)=(alice@example.com) already exists.', constraint: 'uq_user_email' }));

      expect(result).toBeInstanceOf(DatabaseException);
      expect(result).toMatchObject({ code: DatabaseExceptionCode.UNIQUE_VIOLATION, status: 409 });
      expect(result.errors).toEqual([{ field: 'email', message: 'already exists' }]);
    });

    it('never reveals the conflicting value', () => {
      const result = mapped(queryFailed({ code: '23505', detail: 'Key (email)=(alice@example.com) already exists.' }));

      expect(JSON.stringify({ detail: result.detail, errors: result.errors, headers: result.headers })).not.toContain('alice');
    });

    it('names every column of a composite key', () => {
      const result = mapped(pgError({ code: '23505', detail: 'Key (tenant_id, email)=(7, bob@example.com) already exists.' }));

      expect(result.errors).toEqual([
        { field: 'tenant_id', message: 'already exists' },
        { field: 'email', message: 'already exists' },
      ]);
    });

    it('reads the detail from driverError when the wrapper has none', () => {
      const wrapper = Object.assign(new Error('query failed'), {
        driverError: pgError({ code: '23505', detail: 'Key (slug)=(home) already exists.' }),
      });

      expect(mapped(wrapper).errors).toEqual([{ field: 'slug', message: 'already exists' }]);
    });

    it.each([[undefined], ['Failing row contains (secret).'], ['Key (lower(email::text))=(alice@example.com) already exists.']])(
      'lists no field for the detail %p rather than guessing',
      (detail) => {
        const result = mapped(pgError({ code: '23505', ...(detail === undefined ? {} : { detail }) }));

        expect(result.errors).toEqual([]);
        expect(JSON.stringify(result.errors)).not.toContain('secret');
      },
    );
  });

  it('turns 23503 foreign_key_violation into a 409', () => {
    const result = mapped(queryFailed({ code: '23503', detail: 'Key (owner_id)=(9) is not present in table "user".' }));

    expect(result).toMatchObject({ code: DatabaseExceptionCode.FOREIGN_KEY_VIOLATION, status: 409 });
    expect(result.detail).not.toContain('owner_id');
  });

  it('turns 23502 not_null_violation into a 400 naming the column', () => {
    const result = mapped(queryFailed({ code: '23502', column: 'display_name' }));

    expect(result).toMatchObject({ code: DatabaseExceptionCode.NOT_NULL_VIOLATION, status: 400 });
    expect(result.errors).toEqual([{ field: 'display_name', message: 'must not be null' }]);
  });

  it('turns 23502 without a column into a 400 with no field', () => {
    expect(mapped(pgError({ code: '23502' })).errors).toEqual([]);
  });

  it('turns 23514 check_violation into a 400', () => {
    expect(mapped(pgError({ code: '23514' }))).toMatchObject({ code: DatabaseExceptionCode.CHECK_VIOLATION, status: 400 });
  });

  it.each(['22P02', '22003', '22001', '22007', '22008'])('turns the data exception %s into a 400 DATABASE.INVALID_VALUE', (code) => {
    const result = mapped(queryFailed({ code }));

    expect(result).toMatchObject({ code: DatabaseExceptionCode.INVALID_VALUE, status: 400 });
  });

  it('hides the driver message of an invalid value', () => {
    const result = mapped(pgError({ code: '22P02' }, 'invalid input syntax for type uuid: "robert\'); DROP TABLE"'));

    expect(result.detail).not.toContain('DROP');
  });

  it('turns 57014 query_canceled (statement timeout) into a 503 with Retry-After', () => {
    const result = mapped(queryFailed({ code: '57014' }));

    expect(result).toMatchObject({ code: DatabaseExceptionCode.TIMEOUT, status: 503, headers: { 'Retry-After': '5' } });
  });

  it.each(['40001', '40P01'])('turns the contention error %s into a 503 with Retry-After', (code) => {
    expect(mapped(queryFailed({ code }))).toMatchObject({
      code: DatabaseExceptionCode.CONTENTION,
      status: 503,
      headers: { 'Retry-After': '5' },
    });
  });

  it('turns ECONNREFUSED into a 503 DATABASE.UNAVAILABLE with Retry-After', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED', errno: -111 });

    const result = mapped(refused);

    expect(result).toMatchObject({ code: DatabaseExceptionCode.UNAVAILABLE, status: 503, headers: { 'Retry-After': '5' } });
    expect(result.detail).not.toContain('127.0.0.1');
  });

  it.each(['57P03', '08006', '53300'])('turns the outage %s into DATABASE.UNAVAILABLE', (code) => {
    expect(mapped(pgError({ code })).code).toBe(DatabaseExceptionCode.UNAVAILABLE);
  });

  it('turns a dropped connection without a code into DATABASE.UNAVAILABLE', () => {
    expect(mapped(new Error('Connection terminated unexpectedly')).code).toBe(DatabaseExceptionCode.UNAVAILABLE);
  });

  it.each([
    ['42P01 undefined_table', pgError({ code: '42P01' })],
    ['42601 syntax_error', queryFailed({ code: '42601' })],
    ['an error without a code', new Error('something else')],
    ['a string', 'boom'],
    ['undefined (Promise.reject())', undefined],
    ['null', null],
  ])('leaves %s to the generic 500 (returns undefined)', (_label, error) => {
    expect(mapPostgresError(error)).toBeUndefined();
  });
});
