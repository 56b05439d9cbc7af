import fc from 'fast-check';

import { flattenRequest } from './flatten-request.util.js';
import type { InspectedValue } from './inspect.util.js';

/** Fields as plain objects: flattenRequest's fields spell their location out on first read (a getter). */
const plain = (values: readonly InspectedValue[]): InspectedValue[] => values.map(({ location, value, key }) => ({ location, value, key }));

describe('flattenRequest', () => {
  it('walks JSON bodies into keys and string values with dotted and indexed locations, marking the keys', () => {
    const { values, capsExceeded } = flattenRequest({ body: { user: { name: 'Ann', tags: ['x', 7] } } });
    expect(plain(values)).toEqual([
      { location: 'body.user#key', value: 'user', key: true },
      { location: 'body.user.name#key', value: 'name', key: true },
      { location: 'body.user.name', value: 'Ann', key: false },
      { location: 'body.user.tags#key', value: 'tags', key: true },
      { location: 'body.user.tags[0]', value: 'x', key: false },
    ]);
    expect(capsExceeded).toEqual([]);
  });

  it('names each section and inspects query and cookie names but not header names', () => {
    const { values } = flattenRequest({
      params: { id: '1' },
      query: { q: ['a', 'b'] },
      cookies: { sid: 'c' },
      headers: { 'User-Agent': 'curl', referer: ['r'] },
      body: 'plain text body',
    });
    expect(values.map((v) => v.location)).toEqual([
      'param.id#key', 'param.id', 'query.q#key', 'query.q[0]', 'query.q[1]', 'cookie.sid#key', 'cookie.sid',
      'header.user-agent', 'header.referer[0]', 'body',
    ]);
  });

  it('reads Buffers as UTF-8 and skips numbers, booleans, null and non-plain objects', () => {
    const { values } = flattenRequest({ body: { raw: Buffer.from('<x>'), n: 1, ok: true, none: null, at: new Date(0) } });
    expect(plain(values.filter((v) => !v.location.endsWith('#key')))).toEqual([{ location: 'body.raw', value: '<x>', key: false }]);
  });

  it('reports nesting past maxDepth instead of walking it', () => {
    const { values, capsExceeded } = flattenRequest({ body: { a: { b: { c: 'deep' } } } }, { maxDepth: 2 });
    expect(values.map((v) => v.location)).toEqual(['body.a#key', 'body.a.b#key']);
    expect(capsExceeded).toEqual(['depth:body.a.b']);
  });

  it('stops at maxFields and reports the first field left out', () => {
    const { values, capsExceeded } = flattenRequest({ query: { a: '1', b: '2' } }, { maxFields: 3 });
    expect(values).toHaveLength(3);
    expect(capsExceeded).toEqual(['field-count:query.b']);
  });

  it('cuts very long keys in locations but inspects them whole', () => {
    const key = 'k'.repeat(100);
    const { values } = flattenRequest({ body: { [key]: 'v' } });
    expect(plain(values)[0]).toEqual({ location: `body.${'k'.repeat(64)}…#key`, value: key, key: true });
  });

  it('never throws on any JSON and stays within its caps', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), (body) => {
        const { values, capsExceeded } = flattenRequest({ body, query: body }, { maxFields: 40, maxDepth: 4 });
        expect(values.length).toBeLessThanOrEqual(40);
        expect(capsExceeded.length).toBeLessThanOrEqual(32);
        for (const { location } of values) {
          expect(location.startsWith('body') || location.startsWith('query')).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
