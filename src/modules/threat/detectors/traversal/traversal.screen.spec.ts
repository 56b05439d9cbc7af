import fc from 'fast-check';

import { corpusForms, ruleScreenMisses, stringsOf } from '../../testing/screen-soundness.js';
import { TRAVERSAL_RULES } from './traversal.detector.js';
import { TRAVERSAL_SCREENS } from './traversal.screen.js';

const UNITS = [
  '..', '.', '/', '\\', '%', '%2e', '%2F', '%25', '%c0%ae', '%u002e', '%00', '0x2e', '0X2F', '\u0000', '\uff0e', '\uff0f', '\uff3c',
  'etc', 'ETC', 'passwd', 'boot.ini', 'win.ini', '.htaccess', 'id_rsa', 'file:', 'php://filter', '.sql.gz', 'backup', '<', '>',
  ' ', '\t', 'a', '=', ':', "'", '\u212a', '\u0130', 'proc', 'self', 'c:', 'x', 'cat ',
];

describe('traversal screens', () => {
  it('never turn away a corpus or fixture form that a traversal rule matches', () => {
    expect(corpusForms().flatMap((form) => ruleScreenMisses(TRAVERSAL_RULES, TRAVERSAL_SCREENS, form))).toEqual([]);
  });

  it('never turn away a generated path-like string that a traversal rule matches', () => {
    fc.assert(
      fc.property(fc.oneof(stringsOf(UNITS), fc.string()), (form) => {
        expect(ruleScreenMisses(TRAVERSAL_RULES, TRAVERSAL_SCREENS, form)).toEqual([]);
      }),
      { numRuns: 5000 },
    );
  });

  it.each(['2', 'jane.doe@example.com', 'We select the best products from our partners.', '8f14e45f-ceea-467f-a0e6-2f6b3a1d1c0e'])(
    'let no rule run on %j',
    (form) => {
      expect(TRAVERSAL_RULES.filter((rule) => TRAVERSAL_SCREENS[rule.id]?.(form, 4) !== false)).toEqual([]);
    },
  );
});
