import { isBlank, skipBlanks } from '../blanks.js';
import { isNameCode } from '../code-units.js';
import type { Rule } from '../rule-kit.js';

/** How far past the closed predicate the union's `|` may sit: a short location path (`/../*[1]`). */
const MAX_PATH_BEFORE_UNION = 32;

function isQuote(code: number): boolean {
  return code === 0x27 || code === 0x22;
}

/** A location path's own characters, no blank: `/../*[1]`, `/@id`, `/text()`. */
function isPathCode(code: number): boolean {
  return isNameCode(code) || PATH_PUNCTUATION.includes(String.fromCharCode(code));
}

const PATH_PUNCTUATION = '/.*@[]():';

/**
 * Whether a step that selects nodes starts at `at`, after `//`: `*`, `@id`, or a name followed by another step, a
 * predicate, a union or the value's end (`//user/`, `//a[`, `//a|`); a comment (`// note`) is none of these.
 */
function nodeStepAt(form: string, at: number): boolean {
  const first = form.charCodeAt(at);
  if (first === 0x2a || first === 0x40) {
    return true;
  }
  let i = at;
  while (i < form.length && i - at < 64 && isNameCode(form.charCodeAt(i))) {
    i++;
  }
  return i > at && (i === form.length || '/[|(*'.includes(form.charAt(i)));
}

/** Where a run of `)` and `]` holding at least one `]` ends after `at`, or -1: the predicate the quote closed. */
function closedPredicateEnd(form: string, at: number): number {
  let i = at;
  let bracket = false;
  while (i < form.length && i - at < 8 && (form.charCodeAt(i) === 0x29 || form.charCodeAt(i) === 0x5d)) {
    bracket ||= form.charCodeAt(i) === 0x5d;
    i++;
  }
  return bracket ? i : -1;
}

/**
 * XPath injection by union: a value that closes the application's string and predicate and adds a path of its own
 * that selects the whole document: `')]|//*|//*['`, `'] | //user/*[contains(*,'`, `']/../*[1]|//*['`. Boolean
 * breakouts (`' or count(/*)=1 or '`) read as SQL and are the SQLi detector's.
 */
export const xpathUnionRule: Rule = {
  id: 'other-071',
  kind: 'xpath',
  severity: 'critical',
  paranoia: 1,
  find(form) {
    for (let bar = form.indexOf('|'); bar !== -1; bar = form.indexOf('|', bar + 1)) {
      const next = skipBlanks(form, bar + 1);
      if (form.charCodeAt(next) !== 0x2f || form.charCodeAt(next + 1) !== 0x2f || !nodeStepAt(form, next + 2)) {
        continue;
      }
      // Back from the `|` over blanks and a short path, to the closed predicate and the quote that closed it.
      let i = bar;
      while (i > 0 && bar - i < 8 && isBlank(form.charCodeAt(i - 1))) {
        i--;
      }
      const pathEnd = i;
      while (i > 0 && pathEnd - i < MAX_PATH_BEFORE_UNION && !isQuote(form.charCodeAt(i - 1)) && isPathCode(form.charCodeAt(i - 1))) {
        i--;
      }
      if (i > 0 && isQuote(form.charCodeAt(i - 1)) && closedPredicateEnd(form, i) !== -1) {
        return form.slice(i - 1, next + 16);
      }
    }
    return null;
  },
};
