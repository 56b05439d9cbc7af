import type { Detector, DetectorMatch, NormalizedValue, Paranoia, ThreatClass } from '../engine/threat.types.js';
import type { CharSet } from './char-profile.js';
import { CharSetTable } from './char-set-table.js';
import { gateChars } from './form-profile.js';
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

/** A screen split into character sets the form must each meet (4 words per set) and the rest of its test. */
interface Gate {
  readonly sets: Int32Array;
  readonly rest: Screen | undefined;
}

const GATES = new WeakMap<Screen, Gate>();

/** Whether the character set `chars` meets every set of `sets`. */
function meetsAll(chars: CharSet, sets: Int32Array): boolean {
  const c0 = chars[0] ?? 0;
  const c1 = chars[1] ?? 0;
  const c2 = chars[2] ?? 0;
  const c3 = chars[3] ?? 0;
  for (let k = 0; k < sets.length; k += 4) {
    if (((c0 & (sets[k] ?? 0)) | (c1 & (sets[k + 1] ?? 0)) | (c2 & (sets[k + 2] ?? 0)) | (c3 & (sets[k + 3] ?? 0))) === 0) {
      return false;
    }
  }
  return true;
}

/**
 * The screen that passes a form holding a character of every one of `sets` (`NON_ASCII` standing for any character
 * outside ASCII) for which `rest`, if given, passes too. `screenedRules` tests the sets of every rule against each
 * form's characters at once and calls `rest` only behind them, so give every set `rest` cannot pass without.
 */
export function gated(sets: readonly CharSet[], rest?: Screen): Screen {
  const gate: Gate = { sets: Int32Array.from(sets.flatMap((set) => [...set])), rest };
  const screen: Screen = (form, paranoia) => meetsAll(gateChars(form), gate.sets) && (rest === undefined || rest(form, paranoia));
  GATES.set(screen, gate);
  return screen;
}

const LEVELS: readonly Paranoia[] = [1, 2, 3, 4];
const UNGATED: Gate = { sets: new Int32Array(0), rest: undefined };

/** The guards of the rules at one paranoia level, laid out flat for the per-value loop. */
interface Guards {
  readonly rules: readonly Rule[];
  readonly rests: readonly (Screen | undefined)[];
  /** Guard `g`'s sets are `sets[starts[g]]` up to `sets[starts[g + 1]]`, four words each. */
  readonly starts: Int32Array;
  readonly sets: Int32Array;
  /** For each form character set seen, the guards whose every set it meets: one lookup per form, not one per rule. */
  readonly candidates: CharSetTable<Int32Array>;
  /** `meetingGuards` of these guards, made once rather than as a closure per lookup. */
  readonly meeting: (chars: CharSet) => Int32Array;
}

function guardsOf(rules: readonly Rule[], screens: RuleScreens): Guards {
  const gates = rules.map((rule) => {
    const screen = screens[rule.id];
    return screen === undefined ? UNGATED : (GATES.get(screen) ?? { sets: UNGATED.sets, rest: screen });
  });
  const starts = [0];
  for (const gate of gates) {
    starts.push((starts.at(-1) ?? 0) + gate.sets.length);
  }
  const sets = Int32Array.from(gates.flatMap((gate) => [...gate.sets]));
  // Only the characters some gate asks about can change which gates a form meets.
  const asked = new Int32Array(4);
  sets.forEach((word, k) => {
    asked[k % 4] = (asked[k % 4] ?? 0) | word;
  });
  const guards: Guards = {
    rules,
    rests: gates.map((gate) => gate.rest),
    starts: Int32Array.from(starts),
    sets,
    candidates: new CharSetTable<Int32Array>(asked, 4096),
    meeting: (chars) => meetingGuards(guards, chars),
  };
  return guards;
}

/** The guards whose sets `chars` all meet, in rule order. */
function meetingGuards(guards: Guards, chars: CharSet): Int32Array {
  const met: number[] = [];
  for (let g = 0; g < guards.rests.length; g++) {
    if (meetsAll(chars, guards.sets.subarray(guards.starts[g] ?? 0, guards.starts[g + 1] ?? 0))) {
      met.push(g);
    }
  }
  return Int32Array.from(met);
}

/** The guards whose sets `form`'s characters meet; looked up at once, as a screen's questions may profile the form anew. */
function metBy(guards: Guards, form: string): Int32Array {
  return guards.candidates.get(gateChars(form), guards.meeting);
}

/** The rules a value of one form lets through, in rule order (the usual case: most values have one form). */
function admittedByOne(guards: Guards, form: string, paranoia: Paranoia): Rule[] | undefined {
  const met = metBy(guards, form);
  const { rests, rules } = guards;
  let active: Rule[] | undefined;
  for (let i = 0; i < met.length; i++) {
    const g = met[i] ?? 0;
    const rest = rests[g];
    if (rest === undefined || rest(form, paranoia)) {
      (active ??= []).push(rules[g] as Rule);
    }
  }
  return active;
}

/** Marks in `admitted` the rules not yet marked whose guards let `form` through. */
function admit(guards: Guards, form: string, paranoia: Paranoia, admitted: Uint8Array): void {
  const met = metBy(guards, form);
  const { rests } = guards;
  for (let i = 0; i < met.length; i++) {
    const g = met[i] ?? 0;
    if (admitted[g] === 1) {
      continue;
    }
    const rest = rests[g];
    if (rest === undefined || rest(form, paranoia)) {
      admitted[g] = 1;
    }
  }
}

/** Screening a value's forms marks the rules they let through here, one byte per rule. */
let admitted = new Uint8Array(64);

/** The rules some form of a value of several forms lets through, in rule order. */
function admittedByAny(guards: Guards, forms: readonly string[], paranoia: Paranoia): Rule[] | undefined {
  const count = guards.rules.length;
  if (admitted.length < count) {
    admitted = new Uint8Array(count);
  }
  admitted.fill(0, 0, count);
  for (const form of forms) {
    admit(guards, form, paranoia, admitted);
  }
  let active: Rule[] | undefined;
  for (let g = 0; g < count; g++) {
    if (admitted[g] === 1) {
      (active ??= []).push(guards.rules[g] as Rule);
    }
  }
  return active;
}

/**
 * The detector `runRules(cls, rules, …)` makes, with each screened rule skipped on values none of whose forms pass
 * its screen. Matches, their order and fragments are those of the unscreened detector.
 */
export function screenedRules(name: string, cls: ThreatClass, rules: readonly Rule[], screens: RuleScreens): Detector {
  // Worked out once: the per-value loop below is the engine's hottest path.
  const byLevel: Guards[] = [];
  for (const level of LEVELS) {
    byLevel[level] = guardsOf(rules.filter((rule) => rule.paranoia <= level), screens);
  }
  return {
    name,
    detect(value: NormalizedValue, paranoia: Paranoia): DetectorMatch[] {
      const guards = byLevel[paranoia] ?? guardsOf(rules.filter((rule) => rule.paranoia <= paranoia), screens);
      const { forms } = value;
      const active = forms.length === 1 ? admittedByOne(guards, forms[0] as string, paranoia) : admittedByAny(guards, forms, paranoia);
      return active === undefined ? (NO_MATCHES as DetectorMatch[]) : runRules(cls, active, forms, paranoia);
    },
  };
}
