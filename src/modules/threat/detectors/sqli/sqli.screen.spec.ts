import fc from 'fast-check';

import { corpusForms, detectorScreenMisses, stringsOf } from '../../testing/screen-soundness.js';
import { sqliDetector } from './sqli.detector.js';
import { sqliScreen } from './sqli.screen.js';

const UNITS = [
  "'", '"', '`', ' ', ' ', 'select', 'SELECT', 'union', 'from', 'where', 'and', 'or', 'xor', 'not', 'is', 'in', 'like', 'between',
  'null', 'true', '1', '0', '42', '0x41', '@', '@a', '@@version', '--', '#', '/*', ';', ',', '(', ')', '=', '?', '!', '-', '.', ':',
  '::int', 'order', 'group', 'by', 'having', 'into', 'outfile', 'exec', 'xp_cmdshell', 'declare', 'case', 'when', 'then', 'sleep',
  'limit', 'information_schema', 'sysobjects', 'drop', 'table', 'create', 'procedure', 'analyse', 'a', 'x', '$', '_', '\u212a', 'li', 'e',
  'the', 'name', 'users', '\u00e9', '/',
];

describe('sqli screen', () => {
  it('never turns away a corpus or fixture form the sqli detector finds something in', () => {
    expect(corpusForms().flatMap((form) => detectorScreenMisses(sqliDetector, sqliScreen, form))).toEqual([]);
  });

  it('never turns away a generated SQL-like string the sqli detector finds something in', () => {
    fc.assert(
      fc.property(fc.oneof(stringsOf(UNITS), fc.string()), (form) => {
        expect(detectorScreenMisses(sqliDetector, sqliScreen, form)).toEqual([]);
      }),
      { numRuns: 5000 },
    );
  });

  it.each(['2', '-createdAt', 'blue running shoes', 'jane.doe@example.com', 'We select the best products from our partners and update the catalogue weekly.'])(
    'turns away %j',
    (form) => {
      expect(sqliScreen(form, 1)).toBe(false);
    },
  );

  it.each(['1 union select 1,2', 'select password from users', 'or 1 is 1', '@@version'])('lets %j through', (form) => {
    expect(sqliScreen(form, 1)).toBe(true);
  });
});
