import { GENESIS_HASH } from './audit.constants.js';
import { auditHash, canonicalAuditForm, canonicalJson } from './audit-hash.util.js';
import type { AuditDraft } from './audit-record.js';

function draft(overrides: Partial<AuditDraft> = {}): AuditDraft {
  return {
    occurredAt: new Date('2026-11-22T10:00:00.123Z'),
    action: 'api_key.created',
    outcome: 'success',
    actorType: 'user',
    actorId: 'user-1',
    ip: '203.0.113.7',
    targetType: 'api_key',
    targetId: 'key-1',
    metadata: { name: 'ci', scopes: ['audit:read'] },
    requestId: 'req-1',
    idempotencyKey: 'idem-1',
    ingestedBy: 'internal',
    ...overrides,
  };
}

describe('canonicalJson', () => {
  it('sorts object keys at every depth, leaving array order alone', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1], c: null } })).toBe('{"a":{"c":null,"d":[3,1]},"b":1}');
  });

  it('serialises objects with the same entries in any insertion order to the same text', () => {
    expect(canonicalJson({ x: 1, y: { p: 'a', q: 'b' } })).toBe(canonicalJson({ y: { q: 'b', p: 'a' }, x: 1 }));
  });
});

describe(auditHash.name, () => {
  const base = auditHash(GENESIS_HASH, 1, draft());

  it('is a hex SHA-256 and the same for the same input', () => {
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(auditHash(GENESIS_HASH, 1, draft())).toBe(base);
  });

  it('does not depend on the key order of metadata', () => {
    expect(auditHash(GENESIS_HASH, 1, draft({ metadata: { scopes: ['audit:read'], name: 'ci' } }))).toBe(base);
  });

  it.each<[string, Partial<AuditDraft>]>([
    ['occurredAt', { occurredAt: new Date('2026-11-22T10:00:00.124Z') }],
    ['action', { action: 'api_key.revoked' }],
    ['outcome', { outcome: 'failure' }],
    ['actorType', { actorType: 'api-key' }],
    ['actorId', { actorId: 'user-2' }],
    ['actorId (null)', { actorId: null }],
    ['ip', { ip: '203.0.113.8' }],
    ['targetType', { targetType: 'user' }],
    ['targetId', { targetId: 'key-2' }],
    ['metadata value', { metadata: { name: 'cd', scopes: ['audit:read'] } }],
    ['metadata array order', { metadata: { name: 'ci', scopes: ['audit:read', 'audit:write'] } }],
    ['metadata (empty)', { metadata: {} }],
    ['requestId', { requestId: 'req-2' }],
    ['idempotencyKey', { idempotencyKey: 'idem-2' }],
    ['ingestedBy', { ingestedBy: 'key:abc' }],
  ])('changes when %s changes', (_field, change) => {
    expect(auditHash(GENESIS_HASH, 1, draft(change))).not.toBe(base);
  });

  it('changes with the previous hash and with the sequence', () => {
    expect(auditHash('f'.repeat(64), 1, draft())).not.toBe(base);
    expect(auditHash(GENESIS_HASH, 2, draft())).not.toBe(base);
  });

  it('keeps null distinct from the string "null" and fields from bleeding into their neighbours', () => {
    expect(auditHash(GENESIS_HASH, 1, draft({ actorId: 'null' }))).not.toBe(auditHash(GENESIS_HASH, 1, draft({ actorId: null })));
    expect(auditHash(GENESIS_HASH, 1, draft({ targetType: 'a', targetId: 'bc' }))).not.toBe(
      auditHash(GENESIS_HASH, 1, draft({ targetType: 'ab', targetId: 'c' })),
    );
  });
});

describe(canonicalAuditForm.name, () => {
  it('is a versioned JSON array of the chained fields in a fixed order', () => {
    const form = JSON.parse(canonicalAuditForm(GENESIS_HASH, 7, draft())) as unknown[];

    expect(form.slice(0, 4)).toEqual(['bulwark.audit.v1', GENESIS_HASH, 7, '2026-11-22T10:00:00.123Z']);
    expect(form.at(-1)).toEqual({ name: 'ci', scopes: ['audit:read'] });
  });
});
