import { skipBlanks } from '../blanks.js';
import type { Rule } from '../rule-kit.js';

/** How far a call's arguments may run: probes are short, and the scan must stay linear. */
const MAX_ARGUMENTS = 256;
/** The original value a scanner keeps in front of its payload (`a`, `1`). */
const MAX_PREFIX = 3;

const isAlphanumeric = (code: number): boolean => {
  const lower = code | 0x20;
  return (lower >= 0x61 && lower <= 0x7a) || (code >= 0x30 && code <= 0x39);
};

const isIdentifierStart = (code: number): boolean => {
  const lower = code | 0x20;
  return (lower >= 0x61 && lower <= 0x7a) || code === 0x5f;
};

/** Index after a `(…)` opening at `at`, nested parentheses and quoted strings included; -1 if unclosed within the cap. */
function argumentsEnd(text: string, at: number): number {
  let depth = 0;
  let quote = '';
  const limit = Math.min(text.length, at + MAX_ARGUMENTS);
  for (let i = at; i < limit; i++) {
    const c = text.charAt(i);
    if (quote !== '') {
      quote = c === quote ? '' : quote;
    } else if (c === "'" || c === '"') {
      quote = c;
    } else if (c === '(') {
      depth++;
    } else if (c === ')' && --depth === 0) {
      return i + 1;
    }
  }
  return -1;
}

/** Index after `name(…)` at `at`, or -1. */
function callEnd(text: string, at: number): number {
  if (!isIdentifierStart(text.charCodeAt(at))) {
    return -1;
  }
  let i = at + 1;
  while (i < text.length && i - at < 40 && (isIdentifierStart(text.charCodeAt(i)) || isAlphanumeric(text.charCodeAt(i)))) {
    i++;
  }
  i = skipBlanks(text, i);
  return text.charAt(i) === '(' ? argumentsEnd(text, i) : -1;
}

/**
 * Code injected into a string a server evaluates (PHP's `eval`, code built from a template): the value closes the string
 * or statement it lands in, runs one call, and comments out the rest of the line (`';exit(md5('x'));//`,
 * `a;exit(md5('x'));#`, `".exit(md5('x'));//`). Scanners probe with harmless calls, so the shape is the attack, not the
 * function. It must open the value: a quote after at most a few letters or digits (the original value), then `;`
 * (or `.`, PHP's concatenation, after the quote), or a bare `;`; a method chain (`.then(x);//`) opens with neither.
 */
export const evalBreakoutRule: Rule = {
  id: 'other-049',
  kind: 'php',
  severity: 'critical',
  paranoia: 1,
  find(form) {
    let i = 0;
    while (i < MAX_PREFIX && i < form.length && isAlphanumeric(form.charCodeAt(i))) {
      i++;
    }
    const quoted = form.charAt(i) === "'" || form.charAt(i) === '"';
    i = skipBlanks(form, quoted ? i + 1 : i);
    const joiner = form.charAt(i);
    if (joiner !== ';' && !(quoted && joiner === '.')) {
      return null;
    }
    const end = callEnd(form, skipBlanks(form, i + 1));
    if (end < 0) {
      return null;
    }
    const after = skipBlanks(form, end);
    if (form.charAt(after) !== ';') {
      return null;
    }
    const comment = skipBlanks(form, after + 1);
    const commented = form.charAt(comment) === '#' || form.startsWith('//', comment);
    return commented ? form.slice(0, Math.min(comment + 2, 64)) : null;
  },
};
