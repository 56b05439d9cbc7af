import fc from 'fast-check';

import { corpusForms, detectorScreenMisses, stringsOf } from '../../testing/screen-soundness.js';
import { xssDetector } from './xss.detector.js';
import { xssScreen } from './xss.screen.js';

const UNITS = [
  '<', '>', 'script', 'img', 'svg', ' ', 'on', 'onerror', '=', '"', "'", '(', ')', 'alert', '1', '`', '[', ']', '.', 'document', 'cookie',
  'window', 'top', 'constructor', ':', 'javascript', 'java', 'JaVa', '\t', 'data', 'text/html', ',', '&', '#', ';', '\\', '/*', '*/',
  '+AD', '+ADw-', '\u00bc', '\u00be', '!ENTITY', 'SYSTEM', 'xmlns', ':schemaLocation', 'style', 'expression', '{{', '}}', 'a', 'x',
  '\u00ad', 'vbscript', 'mocha', 'eval', 'Function', 'setTimeout', 'onload', 'srcdoc', '!![]', '[]', 'Socks',
  'ON', 'click', '\u212a', '\u0130', '\f', '&lt;', '&#60', '&#x3c;', '&colon;', '&Tab;', '&ampx', 'lt', 'binding', 'url(',
];

describe('xss screen', () => {
  it('never turns away a corpus or fixture form the xss detector finds something in', () => {
    expect(corpusForms().flatMap((form) => detectorScreenMisses(xssDetector, xssScreen, form))).toEqual([]);
  });

  it('never turns away a generated markup- or script-like string the xss detector finds something in', () => {
    fc.assert(
      fc.property(fc.oneof(stringsOf(UNITS), fc.string()), (form) => {
        expect(detectorScreenMisses(xssDetector, xssScreen, form)).toEqual([]);
      }),
      { numRuns: 5000 },
    );
  });

  it.each([
    '2',
    'blue running shoes',
    "Mary O'Brien",
    'jane.doe@example.com',
    '2026-01-01T00:00:00Z',
    "Happy birthday! Hope these keep up with you on Sunday's long run :)",
    'utm_source=newsletter&utm_medium=email',
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36',
    '{"ids":[1,2],"online":true}',
  ])('turns away %j', (form) => {
    expect(xssScreen(form, 1)).toBe(false);
  });

  it.each([
    '<script>',
    'java\tscript:alert(1)',
    'x" xmlns="y',
    'document.cookie',
    '&lt;script&gt;',
    'a&#60;b',
    'x" onclic\u212a =y',
    'x" ONLOAD/=y',
    '[ ]',
    'x:expression(',
  ])('lets %j through', (form) => {
    expect(xssScreen(form, 1)).toBe(true);
  });
});
