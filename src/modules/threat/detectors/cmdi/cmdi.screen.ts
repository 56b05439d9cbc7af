import { charSet, NON_ASCII, union } from '../char-profile.js';
import { hasAnyOf, mayContainAny, needleChars, needleSet } from '../form-profile.js';
import { gated, type RuleScreens, type Screen } from '../screen-kit.js';
import { foldAscii, includesFolded } from '../folded.js';
import { commandStrength, mayOpenCommandWord, PREFIX_COMMANDS } from './command-words.js';
import { QUOTED_EXECUTION_OPENERS } from './quoted-execution.rule.js';
import { isWordCode, readWord } from './shell-text.js';

/** `collapseShell` does more than drop quotes only when it meets `$`, a backtick or a backslash. */
const COLLAPSING = charSet('$`\\');
const SEPARATORS = ';|&\n';
const QUOTES = charSet(`"'`);
const SEPARATOR_OR_PAREN = charSet(`${SEPARATORS}(`);
const COLLAPSING_OR_ANGLE = charSet('$`\\<');
/**
 * `$(`, `<(` and `>(` open a command, a `(` alone does not: the rules read a `(` only after one of `$ < >`, which
 * `collapseShell` never adds, so the form must hold one of them (prose in parentheses stays out).
 */
const OPENS_SUBSTITUTION = '$<>';
/** The separator rule also ends a line at a lone CR, and a command at SUB. */
const STRONG_SEPARATOR = charSet(`${SEPARATORS}\r\u001a\`${OPENS_SUBSTITUTION}`);
/** A backslash too: the separator rule also reads `\n` and `\r` written out as line breaks. */
const STRONG_SEPARATOR_OR_ESCAPE = union(STRONG_SEPARATOR, charSet('\\'));
const SUBSTITUTION = charSet(`\`${OPENS_SUBSTITUTION}`);
const DOLLAR = charSet('$');
const PAREN = charSet('(');
const BRACE = charSet('{');
const SLASH = charSet('/');
const GLOB = charSet('?*[');
const LEADING_SHORTHAND = charSet('~!');
/** cmdi-020 ends a line at a lone CR too. */
const LOOSE_SEPARATOR = charSet(`${SEPARATORS}\r\``);
const METACHARACTER = charSet('$&|`');
const SPLITTERS = charSet('`$<>\\^');
const PERCENT = charSet('%');
const ANSI_C_QUOTE = needleSet(["$'"]);
const EMPTY_PARENS = needleSet(['()']);
const QUOTED_EXECUTION = needleSet(QUOTED_EXECUTION_OPENERS);
/** Read only behind a separator or `(` (and at the start, see startsWithBatchWord). */
export const BATCH_WORDS = needleSet(['for', 'if']);
/** `for` and `if` share an `f`; the non-ASCII letters that lower-case to ASCII (`İ`, Kelvin) open `mayContainAny`. */
const BATCH_LETTER = union(charSet('fF'), NON_ASCII);
/** `alias ` in the form without quotes needs an `l`; COLLAPSING may rewrite the text, so it lets any form through. */
const ALIAS_LETTER = union(COLLAPSING, charSet('l'));

let quotedForm: string | null = null;
let unquotedForm = '';

/** The form as `collapseShell` leaves it when it holds none of COLLAPSING: without its quotes. */
function dequoted(form: string): string {
  if (!hasAnyOf(form, QUOTES)) {
    return form;
  }
  // Three screens ask in turn.
  if (form !== quotedForm) {
    quotedForm = form;
    unquotedForm = form.replace(/["']/g, '');
  }
  return unquotedForm;
}

/** Whether `form` holds two quotes or more. */
function hasTwoQuotes(form: string): boolean {
  let quotes = 0;
  for (let i = 0; i < form.length && quotes < 2; i++) {
    const code = form.charCodeAt(i);
    quotes += code === 0x22 || code === 0x27 ? 1 : 0;
  }
  return quotes >= 2;
}

/**
 * Index of the first character of `text` from `at` that is none of the code units `a` to `d` (-1 for unused ones).
 * Codes, not a string of them: the engine's inert test asks this of most values of a request.
 */
function skipCodes(text: string, at: number, a: number, b: number, c = -1, d = -1): number {
  let i = at;
  for (; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code !== a && code !== b && code !== c && code !== d) {
      break;
    }
  }
  return i;
}

/** `commandAt(text, 0)` reads a command or prefix word after spaces, tabs and any of `\ @ (`; without one it fails. */
export function startsWithCommand(text: string): boolean {
  // Spaces and tabs, then any of `\ @ (`.
  const at = skipCodes(text, skipCodes(text, 0, 0x20, 0x09), 0x5c, 0x40, 0x28);
  // Most words are ruled out by their first two characters, before any string is cut or lower-cased.
  if (!isWordCode(text.charCodeAt(at)) || !mayOpenCommandWord(foldAscii(text.charCodeAt(at)), isWordCode(text.charCodeAt(at + 1)) ? foldAscii(text.charCodeAt(at + 1)) : -1)) {
    return false;
  }
  const word = readWord(text, at);
  return PREFIX_COMMANDS.has(word.toLowerCase()) || commandStrength(word) !== null;
}

const commandLine: Screen = (form) => hasAnyOf(form, COLLAPSING) || startsWithCommand(dequoted(form));

/** `batchRule`: `for`/`if` opening a statement: the form's start (after spaces, tabs, CR, `@`) or after a separator. */
const batch: Screen = (form) => startsWithBatchWord(form) || (hasAnyOf(form, SEPARATOR_OR_PAREN) && mayContainAny(form, BATCH_WORDS));

/** Whether `form` opens (after spaces, tabs, CR and `@`) with `for` or `if`, in any case. */
export function startsWithBatchWord(form: string): boolean {
  const start = skipCodes(form, 0, 0x20, 0x09, 0x0d, 0x40);
  const first = form.charCodeAt(start) | 0x20;
  return (first === 0x66 && includesFolded(form.slice(start, start + 3), 'for')) || (first === 0x69 && includesFolded(form.slice(start, start + 2), 'if'));
}

/** `aliasRule` reads `alias ` (case and all) in `collapseShell`'s text: without COLLAPSING, the form without its quotes. */
const alias: Screen = (form) => hasAnyOf(form, COLLAPSING) || dequoted(form).includes('alias ');

/** `obfuscatedWordRule`: a word split by quotes, empty substitutions, `$@`, or `\` and `^` between letters. */
const obfuscatedWord: Screen = (form) => hasAnyOf(form, SPLITTERS) || (hasAnyOf(form, QUOTES) && hasTwoQuotes(form));

/**
 * `shellPlumbingRule`: `<!--#exec` and `<<<` need `<`; `/dev/tcp/`, gawk's `/inet/tcp/` and the binary directories
 * `dev/`, `inet/` or `bin/`; System32 paths a backslash.
 */
const plumbing: Screen = (form) => {
  if (hasAnyOf(form, COLLAPSING_OR_ANGLE)) {
    return true;
  }
  const text = dequoted(form);
  return hasAnyOf(form, SLASH) && (includesFolded(text, 'bin/') || includesFolded(text, 'dev/') || includesFolded(text, 'inet/'));
};

/** Screens of CMDI_RULES by id: what each rule cannot match without. */
export const CMDI_SCREENS: RuleScreens = {
  'cmdi-001': gated([STRONG_SEPARATOR_OR_ESCAPE]),
  'cmdi-002': commandLine,
  'cmdi-003': gated([SUBSTITUTION]),
  'cmdi-017': gated([needleChars(QUOTED_EXECUTION)], (form) => mayContainAny(form, QUOTED_EXECUTION)),
  'cmdi-004': gated([DOLLAR], (form) => form.includes('${') || form.includes('$IFS')),
  'cmdi-005': gated([PAREN], (form) => form.includes('()')),
  'cmdi-006': gated([BATCH_LETTER], batch),
  'cmdi-007': gated([ALIAS_LETTER], alias),
  'cmdi-008': gated([BRACE]),
  'cmdi-009': gated([SLASH, GLOB]),
  'cmdi-010': gated([union(COLLAPSING_OR_ANGLE, SLASH)], plumbing),
  'cmdi-011': gated([LEADING_SHORTHAND], (form) => /^\s*[~!]/.test(form)),
  'cmdi-012': gated([needleChars(ANSI_C_QUOTE)], (form) => mayContainAny(form, ANSI_C_QUOTE)),
  'cmdi-013': gated([union(SPLITTERS, QUOTES)], obfuscatedWord),
  // `forkBombRule` reads a name before `()` and a `{` after it.
  'cmdi-014': gated([BRACE, needleChars(EMPTY_PARENS)], (form) => mayContainAny(form, EMPTY_PARENS)),
  // `variableCommandRule` runs a command spelled by `$` expansions of variables the value assigned.
  'cmdi-015': gated([DOLLAR]),
  'cmdi-016': gated([PERCENT]),
  'cmdi-020': gated([LOOSE_SEPARATOR]),
  'cmdi-021': gated([METACHARACTER]),
};
