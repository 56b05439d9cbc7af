import type { ErrorMapper, FieldError } from '@app/common';

import { DatabaseException, DatabaseExceptionCode } from './database.exception.js';
import { isDatabaseUnavailableError, sqlStateOf } from './transient-error.js';

const RETRY_AFTER = { 'Retry-After': '5' };

interface PgErrorFields {
  column?: string;
  constraint?: string;
  detail?: string;
}

function fieldsOf(error: unknown): PgErrorFields {
  // Anything can be thrown (`throw undefined`, `Promise.reject()`); the filter asks about all of it.
  if (typeof error !== 'object' || error === null) {
    return {};
  }
  const driver: PgErrorFields = (error as { driverError?: PgErrorFields }).driverError ?? error;
  return { column: driver.column, constraint: driver.constraint, detail: driver.detail };
}

/** `Key (tenant_id, email)=(…) already exists.` → the key's columns, never the values. */
function keyColumns(detail: string | undefined): FieldError[] {
  const match = /^Key \(([^)]+)\)=/.exec(detail ?? '');
  return match ? match[1]!.split(',').map((column) => ({ field: column.trim(), message: 'already exists' })) : [];
}

/**
 * The one place Postgres errors become client answers: constraint violations are the client's (409/400),
 * outages and timeouts are ours and retryable (503 + Retry-After). Anything else stays a 500.
 */
export const mapPostgresError: ErrorMapper = (error) => {
  const state = sqlStateOf(error);
  const fields = fieldsOf(error);
  switch (state ?? '') {
    case '23505':
      return new DatabaseException(DatabaseExceptionCode.UNIQUE_VIOLATION, 'A resource with the same unique value already exists.', {
        errors: keyColumns(fields.detail),
      });
    case '23503':
      return new DatabaseException(DatabaseExceptionCode.FOREIGN_KEY_VIOLATION, 'The resource refers to, or is referred to by, another resource.');
    case '23502':
      return new DatabaseException(DatabaseExceptionCode.NOT_NULL_VIOLATION, 'A required value is missing.', {
        errors: fields.column ? [{ field: fields.column, message: 'must not be null' }] : [],
      });
    case '23514':
      return new DatabaseException(DatabaseExceptionCode.CHECK_VIOLATION, 'A value is outside the range allowed.');
    case '22P02':
    case '22003':
    case '22001':
    case '22007':
    case '22008':
      return new DatabaseException(DatabaseExceptionCode.INVALID_VALUE, 'A value has the wrong format or size.');
    case '57014':
      return new DatabaseException(DatabaseExceptionCode.TIMEOUT, 'The database took too long to answer.', { headers: RETRY_AFTER });
    case '40001':
    case '40P01':
      return new DatabaseException(DatabaseExceptionCode.CONTENTION, 'The request collided with concurrent changes; retry it.', {
        headers: RETRY_AFTER,
      });
    default:
      return isDatabaseUnavailableError(error)
        ? new DatabaseException(DatabaseExceptionCode.UNAVAILABLE, 'The database is unavailable; retry shortly.', { headers: RETRY_AFTER })
        : undefined;
  }
};
