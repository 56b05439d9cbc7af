import type { Detector, DetectorMatch, NormalizedValue, Paranoia, ThreatClass } from '../engine/threat.types.js';
import { type Rule, runRules } from './rule-kit.js';

/**
 * A prefilter (CRS "pm", Hyperscan's literal screen): false only when what it guards provably cannot match `form`
 * at `paranoia`, true whenever it might. Built from the guarded rules' necessary triggers, never from a corpus.
 */
export type Screen = (form: string, paranoia: Paranoia) => boolean;

/** Screens of a rule list by rule id. A rule without one always runs, so rules added later stay sound. */
export type RuleScreens = Readonly<Record<string, Screen>>;

const NO_MATCHES: readonly DetectorMatch[] = Object.freeze([]);

function passesAny(screen: Screen, forms: readonly string[], paranoia: Paranoia): boolean {
  for (const form of forms) {
    if (screen(form, paranoia)) {
      return true;
    }
  }
  return false;
}

/**
 * Runs `detector` only on values with a form its screen lets through. Sound because a detector judges each form on
 * its own: a form the screen rejects contributes no match.
 */
export function screened(detector: Detector, screen: Screen): Detector {
  return {
    name: detector.name,
    detect(value: NormalizedValue, paranoia: Paranoia): DetectorMatch[] {
      return passesAny(screen, value.forms, paranoia) ? detector.detect(value, paranoia) : (NO_MATCHES as DetectorMatch[]);
    },
  };
}

/**
 * The detector `runRules(cls, rules, …)` makes, with each screened rule skipped on values none of whose forms pass
 * its screen. Matches, their order and fragments are those of the unscreened detector.
 */
export function screenedRules(name: string, cls: ThreatClass, rules: readonly Rule[], screens: RuleScreens): Detector {
  // Looked up once: the per-value loop below is the engine's hottest path.
  const guarded = rules.map((rule) => ({ rule, screen: screens[rule.id] }));
  return {
    name,
    detect(value: NormalizedValue, paranoia: Paranoia): DetectorMatch[] {
      const active: Rule[] = [];
      for (const { rule, screen } of guarded) {
        if (rule.paranoia <= paranoia && (screen === undefined || passesAny(screen, value.forms, paranoia))) {
          active.push(rule);
        }
      }
      return active.length === 0 ? (NO_MATCHES as DetectorMatch[]) : runRules(cls, active, value.forms, paranoia);
    },
  };
}
