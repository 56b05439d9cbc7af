import { createHash } from 'node:crypto';

import { etagOf, httpCacheKey, matchesEtag, normalisedQuery } from './http-cache-key.util.js';

describe('normalisedQuery', () => {
  it('sorts names, keeps repeated values in order and flattens nested objects', () => {
    expect(normalisedQuery({ b: '2', a: ['y', 'x'], f: { z: '1', c: true } })).toBe('a=y&a=x&b=2&f%5Bc%5D=true&f%5Bz%5D=1');
  });

  it('gives the same text for the same parameters in any order', () => {
    expect(normalisedQuery({ page: '2', sort: 'a' })).toBe(normalisedQuery({ sort: 'a', page: '2' }));
  });
});

describe('httpCacheKey', () => {
  it('differs by path, query and principal, and is a fixed-size hash', () => {
    const base = httpCacheKey('GET', '/a', { q: '1' }, 'key:1');
    const others = [httpCacheKey('GET', '/b', { q: '1' }, 'key:1'), httpCacheKey('GET', '/a', { q: '2' }, 'key:1'), httpCacheKey('GET', '/a', { q: '1' }, 'key:2'), httpCacheKey('GET', '/a', { q: '1' }, null)];

    expect(new Set([base, ...others]).size).toBe(5);
    expect(base).toMatch(/^[\w-]{43}$/);
  });

  it('is the SHA-256 of the request identity, remembered or not, for short and long identities alike', () => {
    const sha = (identity: string): string => createHash('sha256').update(identity).digest('base64url');
    const long = 'x'.repeat(2_000);

    expect(httpCacheKey('GET', '/a', { q: '1' }, 'key:1')).toBe(sha('GET /a?q=1 key:1'));
    for (let index = 0; index < 3_000; index += 1) {
      expect(httpCacheKey('GET', `/items/${index}`, {}, null)).toBe(sha(`GET /items/${index}? *`));
    }
    expect(httpCacheKey('GET', '/a', { q: '1' }, 'key:1')).toBe(sha('GET /a?q=1 key:1'));
    expect(httpCacheKey('GET', `/${long}`, {}, null)).toBe(sha(`GET /${long}? *`));
    expect(httpCacheKey('GET', `/${long}`, {}, null)).toBe(sha(`GET /${long}? *`));
  });
});

describe('matchesEtag', () => {
  const etag = etagOf('{"a":1}');

  it('matches the tag, a weak form of it, one of a list, or *', () => {
    expect(matchesEtag(etag, etag)).toBe(true);
    expect(matchesEtag(`W/${etag}`, etag)).toBe(true);
    expect(matchesEtag(`"other", ${etag}`, etag)).toBe(true);
    expect(matchesEtag('*', etag)).toBe(true);
  });

  it('does not match another tag or no header', () => {
    expect(matchesEtag('"other"', etag)).toBe(false);
    expect(matchesEtag(undefined, etag)).toBe(false);
    expect(etagOf('{"a":2}')).not.toBe(etag);
  });
});
