import { type Detector, type DetectorMatch, type NormalizedValue, type Paranoia } from '../../engine/threat.types.js';
import { FEATURE, featuresOf } from './sqli.features.js';
import { type RuleInput, SQLI_RULES, type SqliRule } from './sqli.rules.js';
import { tokenize } from './sqli.tokenizer.js';
import { sqliVariants } from './sqli.variants.js';
import { type SqlContext, type SqlToken } from './sqli.tokens.js';

const CONTEXTS: readonly SqlContext[] = ['', "'", '"', '`'];
const FRAGMENT_MAX = 64;

/** A rule with its gate: the features one of which it needs, 0 for none (every rule object then has one shape). */
interface GatedRule {
  rule: SqliRule;
  gate: number;
}

const gatedRules = (paranoia: number): readonly GatedRule[] => SQLI_RULES.filter((r) => r.paranoia <= paranoia).map((rule) => ({ rule, gate: rule.needs ?? 0 }));
const RULES_BY_PARANOIA: ReadonlyMap<number, readonly GatedRule[]> = new Map([1, 2, 3, 4].map((p) => [p, gatedRules(p)]));

if (SQLI_RULES.length > 31) {
  throw new Error('sqli: more than 31 rules no longer fit the matched-rules bit set in detectSqli');
}

/** One value's scan: the rules of its paranoia level, which of them (by index) matched, and the matches in order. */
interface Scan {
  rules: readonly GatedRule[];
  /** Bit k: rule k matched (the check above keeps every level under 32 rules). */
  matched: number;
  found: DetectorMatch[];
}

function withoutComments(tokens: SqlToken[]): SqlToken[] {
  return tokens.filter((t) => t.type !== 'comment');
}

/** Runs the rules not matched yet on one form in one context. */
function scanContext(form: string, context: SqlContext, scan: Scan): void {
  const tokens = tokenize(form, context);
  const features = featuresOf(tokens, context);
  let input: RuleInput | undefined;
  for (let k = 0; k < scan.rules.length; k++) {
    const gated = scan.rules[k];
    if (gated === undefined || (gated.gate !== 0 && (features & gated.gate) === 0) || (scan.matched & (1 << k)) !== 0) {
      continue;
    }
    const { rule } = gated;
    // Built on first use: most values of ordinary text reach no rule that reads it.
    input ??= { tokens, sig: (features & FEATURE.comment) === 0 ? tokens : withoutComments(tokens), context, source: form };
    const at = rule.match(input);
    if (at !== undefined) {
      scan.matched |= 1 << k;
      scan.found.push({
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

function scanForm(form: string, scan: Scan): void {
  for (const context of CONTEXTS) {
    // Without the quote the whole value stays inside the string literal: nothing to find.
    if (context === '' || form.includes(context)) {
      scanContext(form, context, scan);
    }
  }
}

/**
 * Runs every rule of the paranoia level on every form (and its SQLi-only variants) in every quoting context; a rule
 * reports once per value, in the order rules first matched.
 */
export function detectSqli(value: NormalizedValue, paranoia: Paranoia): DetectorMatch[] {
  const rules = RULES_BY_PARANOIA.get(paranoia) ?? gatedRules(paranoia);
  const scan: Scan = { rules, matched: 0, found: [] };
  for (const original of value.forms) {
    scanForm(original, scan);
    for (const variant of sqliVariants(original)) {
      scanForm(variant, scan);
    }
  }
  return scan.found;
}

export const sqliDetector: Detector = { name: 'sqli', detect: detectSqli };
