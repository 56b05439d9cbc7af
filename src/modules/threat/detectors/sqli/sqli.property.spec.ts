import fc from 'fast-check';
import { sqliDetector } from './sqli.detector.js';
import { tokenize } from './sqli.tokenizer.js';

const CONTEXTS = ['', "'", '"', '`'] as const;
// Strings biased towards SQL syntax, so the property reaches the tokenizer's branches and not only barewords.
const sqlish = fc.stringMatching(/^[-'"`[\]()/*!#@;,=<>|&:.0-9a-fxXsSeE \n\\]{0,200}$/);

describe('SQL tokenizer and detector (properties)', () => {
  it('never throws and emits at most one token per character (plus the context string)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), sqlish), fc.constantFrom(...CONTEXTS), (input, context) => {
        const tokens = tokenize(input, context);
        expect(tokens.length).toBeLessThanOrEqual(input.length + 1);
        for (const t of tokens) {
          expect(t.start).toBeGreaterThanOrEqual(0);
          expect(t.start).toBeLessThanOrEqual(input.length);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('detection never throws and returns fragments of at most 64 characters, one match per rule', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), sqlish), fc.constantFrom(1, 2, 3, 4) , (input, paranoia: 1 | 2 | 3 | 4) => {
        const matches = sqliDetector.detect({ raw: input, forms: [input, input.toUpperCase()] }, paranoia);
        expect(new Set(matches.map((m) => m.ruleId)).size).toBe(matches.length);
        for (const m of matches) {
          expect(m.fragment.length).toBeLessThanOrEqual(64);
          expect(m.paranoia).toBeLessThanOrEqual(paranoia);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps work linear on adversarial repetition (token count, not timing)', () => {
    for (const unit of ['[', "'", '/*!', '(', '--', '@@', '0x']) {
      const input = unit.repeat(20_000);
      expect(tokenize(input).length).toBeLessThanOrEqual(input.length + 1);
    }
  });
});
