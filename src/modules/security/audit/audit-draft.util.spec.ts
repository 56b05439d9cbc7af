import type { AuditRecordEvent } from '../security.events.js';
import { INTERNAL_SOURCE, REDACTED_VALUE, storableMetadata, storableText, toAuditDraft } from './audit-draft.util.js';

const event = (overrides: Partial<AuditRecordEvent> = {}): AuditRecordEvent => ({
  action: 'auth.login',
  outcome: 'failure',
  actorType: 'anonymous',
  ...overrides,
});

describe(storableText.name, () => {
  it('replaces NUL, which PostgreSQL text and jsonb refuse', () => {
    expect(storableText('a\u0000b')).toBe('a\uFFFDb');
  });

  it('replaces lone surrogates, which would not survive UTF-8 unchanged', () => {
    expect(storableText('x\uD800y')).toBe('x\uFFFDy');
    expect(storableText('emoji 😀')).toBe('emoji 😀');
  });
});

describe(storableMetadata.name, () => {
  it('redacts values under credential-looking keys at any depth', () => {
    const metadata = storableMetadata({
      name: 'ci',
      password: 'hunter2',
      nested: { apiKey: 'bwk_secret', api_key: 'x', refreshToken: 'y', Authorization: 'Bearer z', clientSecret: 's' },
      list: [{ cookie: 'sid=1' }],
    });

    expect(metadata).toEqual({
      name: 'ci',
      password: REDACTED_VALUE,
      nested: { apiKey: REDACTED_VALUE, api_key: REDACTED_VALUE, refreshToken: REDACTED_VALUE, Authorization: REDACTED_VALUE, clientSecret: REDACTED_VALUE },
      list: [{ cookie: REDACTED_VALUE }],
    });
    expect(JSON.stringify(metadata)).not.toMatch(/hunter2|bwk_secret|Bearer z|sid=1/);
  });

  it('keeps only what jsonb stores unchanged: no undefined, NaN, -0 or functions; dates and bigints as strings', () => {
    const metadata = storableMetadata({
      gone: undefined,
      fn: () => 1,
      nan: Number.NaN,
      negativeZero: -0,
      at: new Date('2026-01-02T03:04:05.000Z'),
      big: 12345678901234567890n,
      list: [undefined, 1],
      'k\u0000ey': 'v\u0000',
    });

    expect(metadata).toEqual({ nan: null, negativeZero: 0, at: '2026-01-02T03:04:05.000Z', big: '12345678901234567890', list: [null, 1], 'k\uFFFDey': 'v\uFFFD' });
    expect(Object.is(metadata.negativeZero, -0)).toBe(false);
  });

  it('drops __proto__ keys (as JSON.parse makes them) instead of letting them set the prototype', () => {
    const metadata = storableMetadata(JSON.parse('{"__proto__":{"polluted":true},"nested":{"__proto__":{"x":1}},"kept":1}') as Record<string, unknown>);

    expect(metadata).toEqual({ nested: {}, kept: 1 });
    expect(Object.getPrototypeOf(metadata)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(metadata.nested)).toBe(Object.prototype);
    expect('polluted' in metadata).toBe(false);
  });

  it('cuts off deep or circular structures instead of overflowing', () => {
    const circular: Record<string, unknown> = { name: 'loop' };
    circular.self = circular;

    const stored = JSON.stringify(storableMetadata(circular));

    expect(stored).toContain('[TRUNCATED]');
  });

  it('is an empty object when there is no metadata', () => {
    expect(storableMetadata(undefined)).toEqual({});
  });
});

describe(toAuditDraft.name, () => {
  it('fills the defaults of an in-process record: now, internal source, a fresh idempotency key, nulls', () => {
    const before = Date.now();
    const first = toAuditDraft(event());
    const second = toAuditDraft(event());

    expect(first.occurredAt.getTime()).toBeGreaterThanOrEqual(before);
    expect(first).toMatchObject({ ingestedBy: INTERNAL_SOURCE, actorId: null, ip: null, targetType: null, targetId: null, requestId: null, metadata: {} });
    expect(first.idempotencyKey).not.toBe(second.idempotencyKey);
  });

  it('keeps what the caller gives and makes every string storable', () => {
    const occurredAt = new Date('2026-05-06T07:08:09.010Z');

    const draft = toAuditDraft(event({ actorId: 'u\u00001', ip: '198.51.100.1', metadata: { token: 't' } }), {
      idempotencyKey: 'idem-1',
      ingestedBy: 'key:abc',
      occurredAt,
    });

    expect(draft).toMatchObject({ actorId: 'u\uFFFD1', ip: '198.51.100.1', metadata: { token: REDACTED_VALUE }, idempotencyKey: 'idem-1', ingestedBy: 'key:abc', occurredAt });
  });
});
