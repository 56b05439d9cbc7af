import fc from 'fast-check';

import { corpusForms, stringsOf } from '../../testing/screen-soundness.js';
import { featuresOf } from './sqli.features.js';
import { SQLI_RULES } from './sqli.rules.js';
import { tokenize } from './sqli.tokenizer.js';
import { type SqlContext } from './sqli.tokens.js';

const CONTEXTS: readonly SqlContext[] = ['', "'", '"', '`'];
const UNITS = [
  "'", '"', '`', ' ', 'select', 'union', 'from', 'where', 'and', 'or', 'not', '&&', 'is', 'in', 'null', 'true', '1', '0x41', '0x61646d696e',
  '@a', '@@version', '--', '#', '/*', '/*!50000', '*/', ';', ',', '(', ')', '=', '::', '::int', '[dbo]', 'into', 'outfile', 'exec', 'declare',
  'case', 'when', 'then', 'having', 'group', 'order', 'by', 'sleep', 'waitfor', 'delay', 'insert', 'values', 'update', 'set', 'delete',
  'copy', 'program', 'attach', 'database', 'dual', 'drop', 'table', 'char', 'concat', 'ascii', 'substring', 'if', 'iif', 'as', 'a', 'x',
];

/** Rules whose `needs` the tokens of `form` in `context` lack, yet match: a gate that would hide a detection. */
function gateMisses(form: string): string[] {
  return CONTEXTS.flatMap((context) => {
    const tokens = tokenize(form, context);
    const features = featuresOf(tokens, context);
    const input = { tokens, sig: tokens.filter((t) => t.type !== 'comment'), context, source: form };
    return SQLI_RULES.filter((rule) => rule.needs !== undefined && (features & rule.needs) === 0 && rule.match(input) !== undefined).map(
      (rule) => `${rule.id} ${JSON.stringify(context)} ${JSON.stringify(form)}`,
    );
  });
}

describe('sqli features (rule gates)', () => {
  it('never skips a rule that matches a corpus or fixture form', () => {
    expect(corpusForms().flatMap(gateMisses)).toEqual([]);
  });

  it('never skips a rule that matches a generated SQL-like string', () => {
    fc.assert(
      fc.property(fc.oneof(stringsOf(UNITS), fc.string()), (form) => {
        expect(gateMisses(form)).toEqual([]);
      }),
      { numRuns: 5000 },
    );
  });
});
