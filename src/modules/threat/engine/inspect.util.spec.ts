import fc from 'fast-check';

import { DEFAULT_NORMALIZE_CAPS } from '../normalize/index.js';
import { inspect } from './inspect.util.js';
import { type Detector, type DetectorMatch, type NormalizedValue, type Paranoia, SEVERITY_SCORE } from './threat.types.js';
import { ValueMemo } from './value-memo.js';

/** Test double: reports `match` whenever any form contains `needle`, and records every value it was given. */
function needleDetector(needle: string, match: Partial<DetectorMatch> = {}): Detector & { seen: NormalizedValue[] } {
  const seen: NormalizedValue[] = [];
  return {
    name: `needle:${needle}`,
    seen,
    detect(value: NormalizedValue, _paranoia: Paranoia): DetectorMatch[] {
      seen.push(value);
      const form = value.forms.find((candidate) => candidate.includes(needle));
      if (form === undefined) {
        return [];
      }
      return [{ ruleId: 'xss-900', kind: 'xss', class: 'xss', severity: 'critical', paranoia: 1, fragment: needle, ...match }];
    },
  };
}

describe('inspect', () => {
  it('with a memo, inspects a repeated value once and gives the same result as without one', () => {
    const detector = needleDetector('<script');
    const values = [
      { location: 'query.a', value: '<script>' },
      { location: 'query.b', value: '<script>' },
      { location: 'query.c', value: 'page' },
      { location: 'query.d', value: 'page' },
    ];
    const memo = new ValueMemo(100);
    const first = inspect(values, { paranoia: 1, detectors: [detector], memo });
    const second = inspect(values, { paranoia: 1, detectors: [detector], memo });
    expect(detector.seen.map((value) => value.raw)).toEqual(['<script>', 'page']);
    expect(second).toEqual(first);
    expect(first).toEqual(inspect(values, { paranoia: 1, detectors: [needleDetector('<script')] }));
    expect(first.matches.map((match) => match.location)).toEqual(['query.a', 'query.b']);
  });

  it('hands values its inert test accepts to no detector and to no memo, and inspects the rest as without it', () => {
    const detector = needleDetector('id');
    const memo = new ValueMemo(100);
    const values = [
      { location: 'query.a', value: 'plain-id' },
      { location: 'query.b', value: '<b>id</b>' },
    ];
    const result = inspect(values, { paranoia: 1, detectors: [detector], memo, inert: (value) => !value.includes('<') });
    expect(detector.seen.map((value) => value.raw)).toEqual(['<b>id</b>']);
    expect(memo.size).toBe(1);
    expect(result.matches.map((m) => m.location)).toEqual(['query.b']);
  });

  it('answers a field name from the memo before its inert test and remembers inert names, not inert values', () => {
    const detector = needleDetector('$where');
    const memo = new ValueMemo(100);
    const tested: string[] = [];
    const inert = (value: string): boolean => {
      tested.push(value);
      return !value.startsWith('$');
    };
    const values = [
      { location: 'body.page#key', value: 'page', key: true },
      { location: 'body.page', value: 'f81e-90ec', key: false },
      { location: 'body.$where#key', value: '$where', key: true },
    ];
    const first = inspect(values, { paranoia: 1, detectors: [detector], memo, inert });
    const second = inspect(values, { paranoia: 1, detectors: [detector], memo, inert });

    expect(tested).toEqual(['page', 'f81e-90ec', '$where', 'f81e-90ec']);
    expect(detector.seen.map((value) => value.raw)).toEqual(['$where']);
    expect(memo.size).toBe(2);
    expect(second).toEqual(first);
    expect(first).toEqual(inspect(values, { paranoia: 1, detectors: [needleDetector('$where')] }));
    expect(first.matches.map((match) => match.location)).toEqual(['body.$where#key']);
  });

  it('scores distinct (ruleId, location) matches by severity', () => {
    const critical = needleDetector('<script');
    const warning = needleDetector('alert', { ruleId: 'xss-901', severity: 'warning' });
    const duplicate = needleDetector('<script');
    const result = inspect(
      [
        { location: 'query.a', value: '<script>alert(1)' },
        { location: 'query.b', value: '<script>' },
      ],
      { paranoia: 1, detectors: [critical, warning, duplicate] },
    );
    expect(result.score).toBe(5 + 3 + 5);
    expect(result.matches.map((m) => `${m.ruleId}@${m.location}`)).toEqual(['xss-900@query.a', 'xss-901@query.a', 'xss-900@query.b']);
    expect(result.capsExceeded).toEqual([]);
  });

  it('hands detectors the decoded forms, normalising each value once for all detectors', () => {
    const first = needleDetector('<script');
    const second = needleDetector('nothing');
    const result = inspect([{ location: 'body.x', value: '%253Cscript%253E' }], { paranoia: 1, detectors: [first, second] });
    expect(result.score).toBe(5);
    expect(first.seen).toHaveLength(1);
    expect(second.seen[0]).toBe(first.seen[0]);
  });

  it('ignores matches above the paranoia level asked for', () => {
    const strict = needleDetector('hex(', { paranoia: 3 });
    expect(inspect([{ location: 'query.q', value: 'hex(1)' }], { paranoia: 2, detectors: [strict] }).score).toBe(0);
    expect(inspect([{ location: 'query.q', value: 'hex(1)' }], { paranoia: 3, detectors: [strict] }).score).toBe(5);
  });

  it('truncates fragments to 64 characters', () => {
    const long = needleDetector('x', { fragment: 'y'.repeat(200) });
    expect(inspect([{ location: 'q', value: 'x' }], { paranoia: 1, detectors: [long] }).matches[0]?.fragment).toHaveLength(64);
  });

  it('scans only the first maxFieldChars of a field and reports the rest', () => {
    const detector = needleDetector('<script');
    const value = `${'a'.repeat(100)}<script>`;
    const result = inspect([{ location: 'body.comment', value }], { paranoia: 1, detectors: [detector], caps: { maxFieldChars: 100 } });
    expect(detector.seen[0]?.raw).toHaveLength(100);
    expect(result.score).toBe(0);
    expect(result.capsExceeded).toEqual(['field-size:body.comment']);
  });

  it('inspects at most maxFields fields and reports the first one left out', () => {
    const detector = needleDetector('<');
    const values = ['a', 'b', '<c'].map((value, i) => ({ location: `query.f${i}`, value }));
    const result = inspect(values, { paranoia: 1, detectors: [detector], caps: { maxFields: 2 } });
    expect(detector.seen).toHaveLength(2);
    expect(result.score).toBe(0);
    expect(result.capsExceeded).toEqual(['field-count:query.f2']);
  });

  it('stops at maxTotalChars over all fields and reports where', () => {
    const detector = needleDetector('<');
    const values = ['aaaa', 'bb<b', 'cc'].map((value, i) => ({ location: `query.f${i}`, value }));
    const result = inspect(values, { paranoia: 1, detectors: [detector], caps: { maxTotalChars: 6 } });
    expect(detector.seen.map((v) => v.raw)).toEqual(['aaaa', 'bb']);
    expect(result.capsExceeded).toEqual(['total-size:query.f1', 'total-size:query.f2']);
  });

  it('never throws, and its score is the sum of the severities it reports', () => {
    const detectors = [needleDetector('<'), needleDetector("'", { ruleId: 'sqli-900', severity: 'error' }), needleDetector('..')];
    const values = fc.array(fc.record({ location: fc.constantFrom('a', 'b', 'c'), value: fc.string({ unit: 'binary', maxLength: 200 }) }), { maxLength: 10 });
    fc.assert(
      fc.property(values, (input) => {
        const result = inspect(input, { paranoia: 1, detectors });
        const keys = result.matches.map((m) => `${m.ruleId}@${m.location}`);
        expect(new Set(keys).size).toBe(keys.length);
        expect(result.score).toBe(result.matches.reduce((sum, m) => sum + SEVERITY_SCORE[m.severity], 0));
      }),
      { numRuns: 200 },
    );
  });

  it('gives detectors work linear in the input: forms total at most maxForms × (2 × scanned + 16) per field', () => {
    const detector = needleDetector('\u0000never');
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 50 }), fc.integer({ min: 1, max: 100 }), (unit, repeat) => {
        detector.seen.length = 0;
        const value = unit.repeat(repeat);
        inspect([{ location: 'q', value }], { paranoia: 1, detectors: [detector], caps: { maxFieldChars: 1000 } });
        const scanned = Math.min(value.length, 1000);
        const work = detector.seen.flatMap((v) => v.forms).reduce((sum, form) => sum + form.length, 0);
        expect(work).toBeLessThanOrEqual(DEFAULT_NORMALIZE_CAPS.maxForms * (2 * scanned + 16));
      }),
      { numRuns: 200 },
    );
  });
});
