import { inspectRequest } from './inspect-request.util.js';
import type { Detector, DetectorMatch } from './threat.types.js';

const angleDetector: Detector = {
  name: 'angle',
  detect: (value): DetectorMatch[] =>
    value.forms.some((form) => form.includes('<'))
      ? [{ ruleId: 'xss-900', kind: 'xss', class: 'xss', severity: 'critical', paranoia: 1, fragment: '<' }]
      : [],
};

describe('inspectRequest', () => {
  it('locates matches in keys and values across the request', () => {
    const result = inspectRequest(
      { query: { q: '%3Cb' }, body: { '<k>': 'fine' }, headers: { 'user-agent': 'curl' } },
      { paranoia: 1, detectors: [angleDetector] },
    );
    expect(result.matches.map((m) => m.location)).toEqual(['query.q', 'body.<k>#key']);
    expect(result.score).toBe(10);
  });

  it('reports caps hit while flattening and while scanning', () => {
    const result = inspectRequest(
      { query: { long: 'x'.repeat(20) }, body: { a: { b: 'deep' } } },
      { paranoia: 1, detectors: [angleDetector], caps: { maxDepth: 1, maxFieldChars: 10 } },
    );
    expect(result.capsExceeded).toEqual(['depth:body.a', 'field-size:query.long']);
  });
});
