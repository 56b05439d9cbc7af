import { ifRangeMatches, parseRange } from './parse-range.js';

describe('parseRange', () => {
  it('reads a closed, an open and a suffix range', () => {
    expect(parseRange('bytes=0-99', 1000)).toEqual({ kind: 'partial', range: { start: 0, end: 99 } });
    expect(parseRange('bytes=100-', 1000)).toEqual({ kind: 'partial', range: { start: 100, end: 999 } });
    expect(parseRange('bytes=-500', 1000)).toEqual({ kind: 'partial', range: { start: 500, end: 999 } });
  });

  it('clamps an end past the body and a suffix longer than it', () => {
    expect(parseRange('bytes=900-5000', 1000)).toEqual({ kind: 'partial', range: { start: 900, end: 999 } });
    expect(parseRange('bytes=-5000', 1000)).toEqual({ kind: 'partial', range: { start: 0, end: 999 } });
  });

  it('finds a start at or past the end, or an empty suffix, unsatisfiable', () => {
    expect(parseRange('bytes=1000-', 1000)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=1000-1001', 1000)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=-0', 1000)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
  });

  it('ignores several ranges, other units and invalid syntax (full body)', () => {
    for (const header of [undefined, 'bytes=0-1,5-6', 'items=0-1', 'bytes=5-1', 'bytes=a-b', 'bytes=-', 'bytes 0-1', 'bytes=0x1-2', 'bytes=1.5-2']) {
      expect(parseRange(header, 1000)).toEqual({ kind: 'full' });
    }
  });

  it('tolerates whitespace and the unit in any case', () => {
    expect(parseRange('Bytes = 1 - 2', 1000)).toEqual({ kind: 'partial', range: { start: 1, end: 2 } });
  });
});

describe('ifRangeMatches', () => {
  const lastModified = 'Tue, 01 Sep 2026 10:00:00 GMT';

  it('lets the range apply without If-Range or with the current strong ETag', () => {
    expect(ifRangeMatches(undefined, '"abc"', lastModified)).toBe(true);
    expect(ifRangeMatches('"abc"', '"abc"', lastModified)).toBe(true);
  });

  it('refuses another ETag and any weak one (strong comparison)', () => {
    expect(ifRangeMatches('"abd"', '"abc"', lastModified)).toBe(false);
    expect(ifRangeMatches('W/"abc"', '"abc"', lastModified)).toBe(false);
    expect(ifRangeMatches('W/"abc"', 'W/"abc"', lastModified)).toBe(false);
  });

  it('compares a date with Last-Modified exactly', () => {
    expect(ifRangeMatches(lastModified, '"abc"', lastModified)).toBe(true);
    expect(ifRangeMatches('Tue, 01 Sep 2026 10:00:01 GMT', '"abc"', lastModified)).toBe(false);
  });
});
