import { type Detector, type DetectorMatch, type NormalizedValue, type Paranoia } from '../../engine/threat.types.js';
import { SQLI_RULES } from './sqli.rules.js';
import { tokenize } from './sqli.tokenizer.js';
import { type SqlContext } from './sqli.tokens.js';

const CONTEXTS: readonly SqlContext[] = ['', "'", '"', '`'];
const FRAGMENT_MAX = 64;

/** Runs every rule of the paranoia level on every form in every quoting context; a rule reports once per value. */
export function detectSqli(value: NormalizedValue, paranoia: Paranoia): DetectorMatch[] {
  const rules = SQLI_RULES.filter((r) => r.paranoia <= paranoia);
  const found = new Map<string, DetectorMatch>();
  for (const form of value.forms) {
    for (const context of CONTEXTS) {
      if (context !== '' && !form.includes(context)) {
        // Without the quote the whole value stays inside the string literal: nothing to find.
        continue;
      }
      const tokens = tokenize(form, context);
      const input = { tokens, sig: tokens.filter((t) => t.type !== 'comment'), context, source: form };
      for (const rule of rules) {
        if (found.has(rule.id)) {
          continue;
        }
        const at = rule.match(input);
        if (at !== undefined) {
          found.set(rule.id, {
            ruleId: rule.id,
            kind: 'sqli',
            class: 'sqli',
            severity: rule.severity,
            paranoia: rule.paranoia,
            fragment: form.slice(at.start, at.start + FRAGMENT_MAX),
          });
        }
      }
    }
  }
  return [...found.values()];
}

export const sqliDetector: Detector = { name: 'sqli', detect: detectSqli };
