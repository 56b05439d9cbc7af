import { negotiateEncoding, parseAcceptEncoding } from './negotiate-encoding.js';

describe('negotiateEncoding', () => {
  const all = ['br', 'gzip', 'identity'] as const;

  it('prefers br, then gzip, at equal weight', () => {
    expect(negotiateEncoding('gzip, deflate, br, zstd', all)).toBe('br');
    expect(negotiateEncoding('gzip, deflate', all)).toBe('gzip');
    expect(negotiateEncoding('gzip, br', ['gzip', 'identity'])).toBe('gzip');
  });

  it('follows q-values over its own preference', () => {
    expect(negotiateEncoding('br;q=0.5, gzip;q=0.9', all)).toBe('gzip');
    expect(negotiateEncoding('br;q=0, gzip', all)).toBe('gzip');
    expect(negotiateEncoding('gzip;q=0.1, identity;q=0.5', all)).toBe('identity');
  });

  it('gives unlisted codings the weight of *', () => {
    expect(negotiateEncoding('*', all)).toBe('br');
    expect(negotiateEncoding('gzip;q=0.2, *;q=0.8', all)).toBe('br');
    expect(negotiateEncoding('*;q=0, gzip', all)).toBe('gzip');
  });

  it('keeps identity acceptable unless it is excluded', () => {
    expect(negotiateEncoding('deflate', all)).toBe('identity');
    expect(negotiateEncoding('', all)).toBe('identity');
    expect(negotiateEncoding('deflate, identity;q=0', all)).toBeNull();
    expect(negotiateEncoding('*;q=0', all)).toBeNull();
    expect(negotiateEncoding('*;q=0, identity', all)).toBe('identity');
  });

  it('returns null when nothing stored is acceptable', () => {
    expect(negotiateEncoding('br', ['gzip'])).toBeNull();
    expect(negotiateEncoding('identity', ['br', 'gzip'])).toBeNull();
  });

  it('serves identity to a client that sends no Accept-Encoding, or the smallest coding when identity is not stored', () => {
    expect(negotiateEncoding(undefined, all)).toBe('identity');
    expect(negotiateEncoding(undefined, ['gzip', 'br'])).toBe('br');
  });

  it('reads names case-insensitively, x-gzip as gzip, and a malformed q as 0', () => {
    expect(negotiateEncoding('GZIP', ['gzip', 'identity'])).toBe('gzip');
    expect(negotiateEncoding('x-gzip', ['gzip', 'identity'])).toBe('gzip');
    expect(negotiateEncoding('br;q=abc, gzip;q=0.3', all)).toBe('gzip');
    expect(parseAcceptEncoding(' br ; q=0.5 ,gzip;q=2')).toEqual(new Map([['br', 0.5], ['gzip', 0]]));
  });
});
