import { randomUUID } from 'node:crypto';

import type { AuditRecordEvent } from '../security.events.js';
import type { AuditDraft } from './audit-record.js';

export const REDACTED_VALUE = '[REDACTED]';
const CREDENTIAL_KEY = /pass(word|phrase|wd)|secret|token|api[-_]?key|authorization|cookie|credential|private[-_]?key/i;
const MAX_DEPTH = 8;

/**
 * PostgreSQL text and jsonb refuse NUL, and lone surrogates would be stored as U+FFFD: either way the stored row
 * would differ from the hashed one, so strings are made storable before they are hashed.
 */
export function storableText(text: string): string {
  return text.toWellFormed().replaceAll('\u0000', '\uFFFD');
}

function optionalText(text: string | undefined | null): string | null {
  return text === undefined || text === null ? null : storableText(text);
}

/** A JSON value that round-trips through jsonb unchanged, with credential-looking keys redacted. */
function storableValue(value: unknown, depth: number): unknown {
  if (value === null || typeof value === 'boolean') {
    return value;
  }
  if (typeof value === 'string') {
    return storableText(value);
  }
  if (typeof value === 'number') {
    // JSON has no NaN/Infinity; -0 would come back from jsonb as 0.
    return Number.isFinite(value) ? value + 0 : null;
  }
  if (typeof value === 'bigint') {
    return value.toString();
  }
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? null : value.toISOString();
  }
  if (typeof value !== 'object') {
    return undefined;
  }
  if (depth >= MAX_DEPTH) {
    return '[TRUNCATED]';
  }
  if (Array.isArray(value)) {
    return value.map((item) => storableValue(item, depth + 1) ?? null);
  }
  const result: Record<string, unknown> = {};
  for (const [key, nested] of Object.entries(value)) {
    // Assigning it would replace the record's prototype rather than add a key (JSON.parse makes it an own key).
    if (key === '__proto__') {
      continue;
    }
    const stored = CREDENTIAL_KEY.test(key) ? REDACTED_VALUE : storableValue(nested, depth + 1);
    if (stored !== undefined) {
      result[storableText(key)] = stored;
    }
  }
  return result;
}

/** Metadata fit for the audit log: plain JSON, storable as is, credentials redacted by key name. */
export function storableMetadata(metadata: Record<string, unknown> | undefined): Record<string, unknown> {
  return metadata ? (storableValue(metadata, 0) as Record<string, unknown>) : {};
}

/** `ingestedBy` of events recorded in-process rather than ingested over HTTP. */
export const INTERNAL_SOURCE = 'internal';

export interface DraftContext {
  occurredAt?: Date;
  idempotencyKey?: string;
  ingestedBy?: string;
}

/** Turns an audit event (from an event, a service call or the ingest API) into a draft the chain can store. */
export function toAuditDraft(event: AuditRecordEvent, context: DraftContext = {}): AuditDraft {
  return {
    occurredAt: context.occurredAt ?? new Date(),
    action: storableText(event.action),
    outcome: event.outcome,
    actorType: event.actorType,
    actorId: optionalText(event.actorId),
    ip: optionalText(event.ip),
    targetType: optionalText(event.targetType),
    targetId: optionalText(event.targetId),
    metadata: storableMetadata(event.metadata),
    requestId: optionalText(event.requestId),
    idempotencyKey: storableText(context.idempotencyKey ?? randomUUID()),
    ingestedBy: storableText(context.ingestedBy ?? INTERNAL_SOURCE),
  };
}
