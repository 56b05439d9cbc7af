import type { Screen } from '../screen-kit.js';
import { startsCharRef } from './html/char-refs.js';
import { XSS_RULES } from './rules/xss-rules.js';
import { AMPERSAND, ATTRIBUTE, BRACE, CLOSE_BRACKET, COLON, LETTER, MARKUP, OPEN_BRACKET, PAREN, PLUS, SLASH, SPACE, screenChar } from './screen-chars.js';
import { RUN_HASH_START, SCHEMA_LOCATION, SCRIPT_NAME, SRCDOC, handlerNameAt, holdsCssWord, runFlags, runHashStep, schemeEndsAt } from './screen-triggers.js';

/** The rules this screen was derived from; a rule added later switches the screen off until it is looked at. */
const SCREENED_RULE_IDS: ReadonlySet<string> = new Set([
  'xss-001', 'xss-002', 'xss-003', 'xss-004', 'xss-005', 'xss-006', 'xss-007', 'xss-008', 'xss-009', 'xss-010',
  'xss-011', 'xss-012', 'xss-013', 'xss-014', 'xss-020', 'xss-021', 'xss-022', 'xss-023', 'xss-024', 'xss-025',
  'xss-026', 'xss-027', 'xss-028', 'xss-029', 'xss-030', 'xss-031', 'xss-101', 'xss-102', 'xss-103', 'xss-104',
  'xss-105', 'xss-106', 'xss-201', 'xss-301',
]);
const COVERS_ALL_RULES = Object.values(XSS_RULES).every((rule) => SCREENED_RULE_IDS.has(rule.id));

/** A character reference (not a bare `&`), a CSS comment (`/*`), UTF-7 (`+A`) or `{{`: every rule stays possible. */
function startsMarkup(form: string, at: number, kind: number): boolean {
  const next = form.charCodeAt(at + 1);
  return (
    (kind === AMPERSAND && startsCharRef(form, at)) ||
    (kind === SLASH && next === 0x2a) ||
    (kind === PLUS && next === 0x41) ||
    (kind === BRACE && next === 0x7b)
  );
}

interface FormScan {
  words: number;
  handler: boolean;
  xmlns: boolean;
}

/** Records what the letter run `form[start, end)` with hash `hash` may trigger. */
function endRun(form: string, start: number, end: number, hash: number, scan: FormScan): void {
  scan.words |= runFlags(hash);
  const first = form.charCodeAt(start) | 0x20;
  if (first === 0x6f && (form.charCodeAt(start + 1) | 0x20) === 0x6e && !scan.handler) {
    scan.handler = handlerNameAt(form, start);
  } else if (first === 0x78 && !scan.xmlns) {
    scan.xmlns = startsWithXmlns(form, start, end);
  }
}

/** Whether the letter run at `start` (ending before `end`) begins with `xmlns`. */
function startsWithXmlns(form: string, start: number, end: number): boolean {
  return end - start >= 5 && form.slice(start, start + 5).toLowerCase() === 'xmlns';
}

/**
 * XSS needs markup or a character reference (above), a CSS comment, UTF-7 (`+AD…`), a DTD `!ENTITY`, JSFuck's `[]`,
 * an AngularJS `{{`, a sink or page object by name or looked up on `this[` (its name may be spelled in pieces), an
 * attribute after a quote or `=` (a handler name given a value, `srcdoc`, a namespace), or a script URL or script CSS
 * after `:` or `(`. One pass; words are whole letter runs.
 */
export const xssScreen: Screen = (form) => {
  if (!COVERS_ALL_RULES) {
    return true;
  }
  const scan: FormScan = { words: 0, handler: false, xmlns: false };
  let seen = 0;
  let openBracket = false;
  let runStart = -1;
  let hash = RUN_HASH_START;
  for (let i = 0; i < form.length; i++) {
    const code = form.charCodeAt(i);
    const kind = screenChar(code);
    if (kind === LETTER) {
      runStart = runStart < 0 ? i : runStart;
      hash = runHashStep(hash, code);
      continue;
    }
    if (runStart >= 0) {
      endRun(form, runStart, i, hash, scan);
      hash = RUN_HASH_START;
      runStart = -1;
    }
    if (kind === MARKUP || (kind > MARKUP && kind < OPEN_BRACKET && startsMarkup(form, i, kind)) || (kind === CLOSE_BRACKET && openBracket)) {
      return true;
    }
    // JSFuck's idioms all hold `[]`, spaces allowed between.
    openBracket = kind === SPACE ? openBracket : kind === OPEN_BRACKET;
    seen |= 1 << kind;
  }
  if (runStart >= 0) {
    endRun(form, runStart, form.length, hash, scan);
  }
  return mayTrigger(form, scan, seen);
};

/** The checks left after the pass, given the words it met and the set of character kinds it `seen`. */
function mayTrigger(form: string, { words, handler, xmlns }: FormScan, seen: number): boolean {
  const colon = (seen & (1 << COLON)) !== 0;
  return (
    (words & SCRIPT_NAME) !== 0 ||
    form.includes('this[') ||
    ((seen & (1 << ATTRIBUTE)) !== 0 && (handler || xmlns || (words & (SRCDOC | SCHEMA_LOCATION)) !== 0)) ||
    form.includes('!ENTITY') ||
    ((colon || (seen & (1 << PAREN)) !== 0) && holdsCssWord(form)) ||
    (colon && mayHoldScriptUrl(form))
  );
}

/** Bare and attribute URLs need a script or `data:` scheme right before a colon. */
function mayHoldScriptUrl(form: string): boolean {
  for (let colon = form.indexOf(':'); colon >= 0; colon = form.indexOf(':', colon + 1)) {
    if (schemeEndsAt(form, colon)) {
      return true;
    }
  }
  return false;
}
