import { createHash } from 'node:crypto';

import { AUDIT_HASH_VERSION } from './audit.constants.js';
import type { AuditDraft } from './audit-record.js';

/** JSON with object keys sorted at every depth: the same value always serialises to the same bytes. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, nested: unknown) => {
    if (nested === null || typeof nested !== 'object' || Array.isArray(nested)) {
      return nested;
    }
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(nested).sort()) {
      sorted[key] = (nested as Record<string, unknown>)[key];
    }
    return sorted;
  });
}

/**
 * The bytes a row's hash covers: a JSON array in fixed order, so no field can bleed into its neighbour and
 * null stays distinct from "null".
 */
export function canonicalAuditForm(prevHash: string, sequence: number, draft: AuditDraft): string {
  return canonicalJson([
    AUDIT_HASH_VERSION,
    prevHash,
    sequence,
    draft.occurredAt.toISOString(),
    draft.action,
    draft.outcome,
    draft.actorType,
    draft.actorId,
    draft.ip,
    draft.targetType,
    draft.targetId,
    draft.requestId,
    draft.idempotencyKey,
    draft.ingestedBy,
    draft.metadata,
  ]);
}

/** SHA-256 (hex) of the row at `sequence` chained after `prevHash`. */
export function auditHash(prevHash: string, sequence: number, draft: AuditDraft): string {
  return createHash('sha256').update(canonicalAuditForm(prevHash, sequence, draft), 'utf8').digest('hex');
}
