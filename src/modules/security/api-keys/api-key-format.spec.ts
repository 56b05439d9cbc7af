import { API_KEY_PREFIX, formatApiKey, generateApiKey, looksLikeApiKey, parseApiKey } from './api-key-format.js';

describe('generateApiKey', () => {
  it('makes a prefixed key whose parts parse back', () => {
    const { key, publicId, secret } = generateApiKey();

    expect(key.startsWith(API_KEY_PREFIX)).toBe(true);
    expect(key).toMatch(/^bwk_[0-9A-Za-z]{12}_[0-9A-Za-z]{38}$/);
    expect(parseApiKey(key)).toEqual({ publicId, secret });
  });

  it('draws at least 128 bits of secret (32 base62 characters ≈ 190 bits) and never repeats', () => {
    const keys = new Set(Array.from({ length: 2_000 }, () => generateApiKey().secret));

    expect(keys.size).toBe(2_000);
    expect(32 * Math.log2(62)).toBeGreaterThan(128);
  });

  it('uses every base62 character (no modulo-biased alphabet truncation)', () => {
    const seen = new Set(Array.from({ length: 400 }, () => generateApiKey().secret).join(''));

    expect(seen.size).toBe(62);
  });
});

describe('parseApiKey', () => {
  const { key } = generateApiKey();

  it('rejects a key with one character changed (the checksum catches typos without a lookup)', () => {
    const index = 20;
    const changed = key.slice(0, index) + (key[index] === 'a' ? 'b' : 'a') + key.slice(index + 1);

    expect(parseApiKey(changed)).toBeNull();
  });

  it('gives the same answer for a key seen before, good or bad, and parts nobody can alter', () => {
    const typo = `${key.slice(0, -1)}${key.endsWith('a') ? 'b' : 'a'}`;
    const first = parseApiKey(key);

    expect(parseApiKey(typo)).toBeNull();
    expect(parseApiKey(typo)).toBeNull();
    expect(parseApiKey(key)).toEqual(first);
    expect(Object.isFrozen(parseApiKey(key))).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['another prefix', key.replace('bwk_', 'ghp_')],
    ['truncated', key.slice(0, -1)],
    ['extended', `${key}x`],
    ['with whitespace', ` ${key}`],
    ['non-base62 characters', key.replace(/.$/, '!')],
  ])('rejects %s', (_name, value) => {
    expect(parseApiKey(value)).toBeNull();
  });

  it('accepts a key assembled by formatApiKey from valid parts', () => {
    expect(parseApiKey(formatApiKey('AAAAAAAAAAAA', 'b'.repeat(32)))).toEqual({ publicId: 'AAAAAAAAAAAA', secret: 'b'.repeat(32) });
  });
});

describe('looksLikeApiKey', () => {
  it('tells API keys from JWTs by the prefix', () => {
    expect(looksLikeApiKey(generateApiKey().key)).toBe(true);
    expect(looksLikeApiKey('eyJhbGciOiJIUzI1NiJ9.e30.sig')).toBe(false);
  });
});
