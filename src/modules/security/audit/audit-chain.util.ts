import { auditHash } from './audit-hash.util.js';
import type { AuditRecord } from './audit-record.js';
import type { ChainBreak } from './dto/chain-verification.dto.js';

export interface ChainLink {
  sequence: number;
  hash: string;
}

/**
 * Why `record` does not continue the chain after `previous`, or null when it does: a gap in the sequence (a deleted
 * row), a prev_hash that is not the previous row's hash (a row removed, reordered or re-hashed before it), or a
 * stored hash its own content does not produce (the row was altered).
 */
export function chainBreakAt(previous: ChainLink, record: AuditRecord): { sequence: number; reason: ChainBreak } | null {
  if (record.sequence !== previous.sequence + 1) {
    return { sequence: previous.sequence + 1, reason: 'missing' };
  }
  if (record.prevHash !== previous.hash) {
    return { sequence: record.sequence, reason: 'prev-hash-mismatch' };
  }
  if (auditHash(record.prevHash, record.sequence, record) !== record.hash) {
    return { sequence: record.sequence, reason: 'hash-mismatch' };
  }
  return null;
}
