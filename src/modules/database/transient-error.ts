import { QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';

/** SQLSTATE classes and codes after which the same statement may well succeed on a new try or connection. */
const TRANSIENT_SQLSTATES = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '53300', // too_many_connections
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, recovering)
  '55006', // object_in_use (e.g. template database busy)
]);
const TRANSIENT_SYSCALL_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'EHOSTUNREACH']);
// node-postgres' own, without a code: the last two when a query reaches a client whose socket already failed or closed.
const TRANSIENT_MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /connection timeout/i,
  /server closed the connection/i,
  /Client has encountered a connection error and is not queryable/i,
  /Client was closed and is not queryable/i,
];

function codeOf(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  let current: unknown = error;
  // TypeORM wraps driver errors (QueryFailedError.driverError); walk the chain.
  while (typeof current === 'object' && current !== null && !seen.has(current)) {
    seen.add(current);
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') {
      return code;
    }
    current = (current as { driverError?: unknown; cause?: unknown }).driverError ?? (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Whether a database error is worth retrying (connection trouble, serialisation failure, deadlock). */
export function isTransientDatabaseError(error: unknown): boolean {
  // TypeORM releases a query runner whose connection emits 'error' (the server went away between two statements of a
  // transaction), and the next statement fails with one of these, carrying no code: the runner's own (a repository
  // call, COMMIT) or the DataSource's (`manager.query`). The transaction was never committed: the server rolls back
  // what a lost connection left open.
  if (error instanceof QueryRunnerAlreadyReleasedError || error instanceof QueryRunnerProviderAlreadyReleasedError) {
    return true;
  }
  const code = codeOf(error);
  if (code !== undefined && (TRANSIENT_SQLSTATES.has(code) || code.startsWith('08') || TRANSIENT_SYSCALL_CODES.has(code))) {
    return true;
  }
  const message = error instanceof Error ? error.message : '';
  return TRANSIENT_MESSAGES.some((pattern) => pattern.test(message));
}

/** Whether the error means the database cannot be reached at all (as opposed to a bad statement). */
export function isDatabaseUnavailableError(error: unknown): boolean {
  const code = codeOf(error);
  if (code === '40001' || code === '40P01') {
    return false;
  }
  return isTransientDatabaseError(error);
}

export { codeOf as sqlStateOf };
