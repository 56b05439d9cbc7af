import fc from 'fast-check';

import type { Paranoia } from '../../engine/threat.types.js';
import { normalized } from './testing/xss-test-values.js';
import { xssDetector } from './xss.detector.js';
import { scanForXss } from './xss-scan.js';

/** Pieces attackers combine, so generated strings reach deep tokenizer and lexer states, not only plain text. */
const PIECES = ['<', '>', '</', '<!--', '-->', '<!', '<?', '"', "'", '`', '=', ' ', '/', 'script', 'img', 'on', 'onerror', 'javascript:', '&#', ';', '(', ')', '${', '{{', '}}', '[', ']', '!', '+', '\\', 'alert', 'eval', 'data:', 'style', 'url(', '/*', '*/'];

const attackish = fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 3 })), { maxLength: 60 }).map((parts) => parts.join(''));

/** Steps per input character stay bounded: a constant, whatever the input, keeps the scan linear. */
const MAX_STEPS_PER_CHAR = 40;

describe('xss detector properties', () => {
  it('never throws on arbitrary input, at any paranoia level', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), attackish), fc.constantFrom<Paranoia>(1, 2, 3, 4), (raw, paranoia) => {
        const matches = xssDetector.detect(normalized(raw), paranoia);
        expect(matches.every((m) => m.paranoia <= paranoia && m.fragment.length <= 64)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('does a bounded number of steps per character', () => {
    fc.assert(
      fc.property(attackish, (text) => {
        expect(scanForXss(text).steps).toBeLessThanOrEqual(MAX_STEPS_PER_CHAR * (text.length + 1));
      }),
      { numRuns: 500 },
    );
  });

  it.each(['<a b="', '<!--', "';alert(", '<x onerror=', '&#', '});', ';a('])('grows linearly when %j is repeated', (unit) => {
    const small = scanForXss(unit.repeat(500)).steps;
    const large = scanForXss(unit.repeat(5000)).steps;
    expect(large).toBeLessThanOrEqual(small * 10 * 1.5);
  });
});
