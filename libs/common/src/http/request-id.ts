import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/** Letters, digits and `._:-` up to 128 chars: enough for UUIDs, ULIDs and trace ids, too little for log injection. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Accepts a sane incoming `X-Request-Id` (so a caller's id follows its request through our logs), else makes a
 * UUID; echoes it on the response. Used as pino-http's `genReqId`, so the log line and the header agree.
 */
export function assignRequestId(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers['x-request-id'];
  const candidate = Array.isArray(incoming) ? incoming[0] : incoming;
  const id = candidate !== undefined && SANE_REQUEST_ID.test(candidate) ? candidate : randomUUID();
  res.setHeader(REQUEST_ID_HEADER, id);
  return id;
}

/** The id pino-http gave this request (or the header we set, before logging ran). */
export function requestIdOf(req: IncomingMessage & { id?: unknown }): string {
  if (typeof req.id === 'string' || typeof req.id === 'number') {
    return String(req.id);
  }
  return '';
}
