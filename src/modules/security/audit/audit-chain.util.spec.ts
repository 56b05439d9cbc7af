import { GENESIS_HASH } from './audit.constants.js';
import { chainBreakAt } from './audit-chain.util.js';
import { auditHash } from './audit-hash.util.js';
import type { AuditDraft, AuditRecord } from './audit-record.js';

const draft: AuditDraft = {
  occurredAt: new Date('2026-11-22T10:00:00.000Z'),
  action: 'ip_block.created',
  outcome: 'success',
  actorType: 'api-key',
  actorId: 'key-1',
  ip: null,
  targetType: 'ip_block',
  targetId: '10.0.0.0/8',
  metadata: {},
  requestId: null,
  idempotencyKey: 'idem',
  ingestedBy: 'internal',
};

function linked(previousHash: string, sequence: number, overrides: Partial<AuditDraft> = {}): AuditRecord {
  const content = { ...draft, ...overrides };
  return { ...content, sequence, prevHash: previousHash, hash: auditHash(previousHash, sequence, content) };
}

describe(chainBreakAt.name, () => {
  const first = linked(GENESIS_HASH, 1);

  it('accepts the first row after the genesis link and a row that continues the chain', () => {
    expect(chainBreakAt({ sequence: 0, hash: GENESIS_HASH }, first)).toBeNull();
    expect(chainBreakAt(first, linked(first.hash, 2))).toBeNull();
  });

  it('reports the missing sequence when a row was removed', () => {
    expect(chainBreakAt(first, linked(first.hash, 3))).toEqual({ sequence: 2, reason: 'missing' });
  });

  it('reports a row whose prevHash is not the previous row\'s hash', () => {
    expect(chainBreakAt(first, linked('a'.repeat(64), 2))).toEqual({ sequence: 2, reason: 'prev-hash-mismatch' });
  });

  it('reports a row whose content was altered after it was hashed', () => {
    const altered = { ...linked(first.hash, 2), outcome: 'failure' as const };

    expect(chainBreakAt(first, altered)).toEqual({ sequence: 2, reason: 'hash-mismatch' });
  });
});
