import { charSet, NON_ASCII, union } from '../char-profile.js';
import { hasAnyOf, hasNonAscii, mayContainAny, needleChars, needleSet } from '../form-profile.js';
import { gated, type RuleScreens, type Screen } from '../screen-kit.js';
import { boundedRuns, letterRunFlags, letterTable } from '../letter-runs.js';
import { hasStrippedEscapedSlash } from './canonical-path.js';
import { LOCAL_SCHEMES } from './file-scheme.rule.js';
import { SENSITIVE_ABSOLUTE, SENSITIVE_NAMES } from './sensitive-files.js';

/** The longest of `runs`; null when there is none, which leaves the screen open. */
function longest(runs: readonly string[]): string | null {
  return runs.reduce<string | null>((best, run) => (best === null || run.length > best.length ? run : best), null);
}

/**
 * A table of one letter run per needle that stays a whole run in any path the rule finds the needle in; null (screen
 * always open) when some needle has no such run.
 */
function needleTable(needles: readonly string[], edgesBounded: { start: boolean; end: boolean }): ReadonlyMap<number, number> | null {
  const runs = needles.map((needle) => longest(boundedRuns(needle, edgesBounded)));
  return runs.includes(null) ? null : letterTable(runs.map((run) => [run as string, 1] as const));
}

function mergeTables(a: ReadonlyMap<number, number> | null, b: ReadonlyMap<number, number> | null): ReadonlyMap<number, number> | null {
  return a === null || b === null ? null : new Map([...a, ...b]);
}

// `boundaryBefore` checks only before an absolute path, `nameBoundary` both sides of a name, and a scheme must not
// follow a letter or digit.
const SENSITIVE_WORDS = mergeTables(needleTable([...SENSITIVE_ABSOLUTE], { start: true, end: false }), needleTable([...SENSITIVE_NAMES], { start: true, end: true }));
const SCHEME_WORDS = needleTable(LOCAL_SCHEMES, { start: true, end: false });

/**
 * Whether `canonicalPath` may differ from the form read with `\` as `/`: escapes (`%`, `0x`), NUL, the fullwidth dot
 * and slashes, IIS's private-use slashes, U+FFFD, the two non-ASCII letters whose lower case is ASCII (`İ`, Kelvin `K`),
 * and an escaped slash stripped of its `%` after two dots (`..2f`).
 */
function rewritesPath(form: string): boolean {
  return (
    hasAnyOf(form, PERCENT_OR_NUL) ||
    (hasAnyOf(form, HEX_MARK) && (form.includes('0x') || form.includes('0X'))) ||
    (hasNonAscii(form) && /[\uff0e\uff0f\uff3c\uefc8\uf025\ufffd\u0130\u212a]/.test(form)) ||
    (hasAnyOf(form, DOT) && hasStrippedEscapedSlash(form))
  );
}

const PERCENT_OR_NUL = charSet('%\u0000');
const HEX_MARK = charSet('xX');
const COLON = charSet(':');
const DOT = charSet('.');
const ANGLE = charSet('<>');
const SQL_DUMP = needleSet(['.sql.']);
const NTFS_STREAM = needleSet([':$']);
/** `rewritesPath` needs one of these. */
const REWRITING = union(PERCENT_OR_NUL, HEX_MARK, NON_ASCII, DOT);

const SENSITIVE = 1;
const SCHEME = 2;
/** Not a word: `rewritesPath`, which three screens ask about each form. */
const REWRITES = 4;

/** Both tables in one, so each form's letter runs are hashed once for every screen; a null table leaves its flag set. */
const WORDS = new Map<number, number>();
for (const [table, flag] of [[SENSITIVE_WORDS, SENSITIVE], [SCHEME_WORDS, SCHEME]] as const) {
  for (const hash of table?.keys() ?? []) {
    WORDS.set(hash, (WORDS.get(hash) ?? 0) | flag);
  }
}
const ALWAYS = (SENSITIVE_WORDS === null ? SENSITIVE : 0) | (SCHEME_WORDS === null ? SCHEME : 0);

/**
 * The screens' word table by `hashLetters` hash, for the engine's inert-value fast path (inert-value.util.ts); null
 * when some needle has no whole run, which keeps the word screens open for every form.
 */
export const TRAVERSAL_SCREEN_WORDS: ReadonlyMap<number, number> | null = ALWAYS === 0 ? WORDS : null;

// A value's forms are screened in turn, rule after rule: two entries keep a value's two forms from evicting each other.
const recent = [
  { form: null as string | null, flags: 0 },
  { form: null as string | null, flags: 0 },
];
let older = 0;

function formFlags(form: string): number {
  for (const entry of recent) {
    if (entry.form === form) {
      return entry.flags;
    }
  }
  const entry = recent[older] as { form: string | null; flags: number };
  older = 1 - older;
  entry.form = form;
  entry.flags = letterRunFlags(form, WORDS) | ALWAYS | (rewritesPath(form) ? REWRITES : 0);
  return entry.flags;
}

/** Whether `form` raises any of `flags`. */
function has(form: string, flags: number): boolean {
  return (formFlags(form) & flags) !== 0;
}

const dotDot: Screen = gated([union(DOT, REWRITING)], (form) => (hasAnyOf(form, DOT) && form.includes('..')) || has(form, REWRITES));
const sensitivePath: Screen = (form) => has(form, SENSITIVE | REWRITES);

/** Screens of TRAVERSAL_RULES by id: what each rule cannot match without. */
export const TRAVERSAL_SCREENS: RuleScreens = {
  'traversal-001': dotDot,
  'traversal-002': sensitivePath,
  'traversal-003': gated([union(COLON, REWRITING)], (form) => (hasAnyOf(form, COLON) && has(form, SCHEME)) || has(form, REWRITES)),
  'traversal-004': gated([PERCENT_OR_NUL]),
  'traversal-005': gated([ANGLE], (form) => /^\s*[<>]/.test(form)),
  'traversal-006': gated([needleChars(SQL_DUMP)], (form) => mayContainAny(form, SQL_DUMP)),
  'traversal-007': gated([needleChars(NTFS_STREAM)], (form) => mayContainAny(form, NTFS_STREAM)),
  'traversal-020': dotDot,
  'traversal-021': sensitivePath,
};
