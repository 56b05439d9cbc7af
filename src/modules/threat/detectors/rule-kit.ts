import type { Detector, DetectorMatch, NormalizedValue, Paranoia, Severity, ThreatClass, ThreatKind } from '../engine/threat.types.js';

/** One rule: `find` returns the matched fragment or null. It must be linear in the form's length. */
export interface Rule {
  id: string;
  kind: ThreatKind;
  severity: Severity;
  paranoia: Paranoia;
  find(form: string): string | null;
}

/** Runs the rules allowed at `paranoia` over every form; a rule reports once, for the first form it matches. */
export function runRules(cls: ThreatClass, rules: readonly Rule[], forms: readonly string[], paranoia: Paranoia): DetectorMatch[] {
  const matches: DetectorMatch[] = [];
  for (const rule of rules) {
    if (rule.paranoia > paranoia) {
      continue;
    }
    for (const form of forms) {
      const fragment = rule.find(form);
      if (fragment !== null) {
        matches.push({ ruleId: rule.id, kind: rule.kind, class: cls, severity: rule.severity, paranoia: rule.paranoia, fragment: fragment.slice(0, 64) });
        break;
      }
    }
  }
  return matches;
}

/** A detector that is just its rule list: every rule allowed at the paranoia it is given, over every form. */
export function ruleDetector(cls: ThreatClass, rules: readonly Rule[]): Detector {
  return {
    name: cls,
    detect(value: NormalizedValue, paranoia: Paranoia): DetectorMatch[] {
      return runRules(cls, rules, value.forms, paranoia);
    },
  };
}
