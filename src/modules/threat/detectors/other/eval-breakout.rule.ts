import { skipBlanks } from '../blanks.js';
import { isAsciiLetter } from '../letter-runs.js';
import type { Rule } from '../rule-kit.js';
import { isIdentifierCode } from '../code-units.js';
import { identifierEnd } from './php-everyday-call.js';

/** How far the injected statements may run: probes are short, and the scan must stay linear. */
const MAX_STATEMENTS = 256;
/** The original value a scanner keeps in front of its payload (`a`, `1`). */
const MAX_PREFIX = 3;

const isIdentifierStart = (code: number): boolean => isAsciiLetter(code) || code === 0x5f;

/**
 * Index of the comment mark ending injected statements that open at `at`: the first `;` outside strings and
 * parentheses, after a call, followed by `//` or `#`; -1 if none within the cap.
 */
function commentAfterStatements(text: string, at: number): number {
  let depth = 0;
  let quote = '';
  let called = false;
  const limit = Math.min(text.length, at + MAX_STATEMENTS);
  for (let i = at; i < limit; i++) {
    const c = text.charAt(i);
    if (quote !== '') {
      quote = c === quote ? '' : quote;
    } else if (c === "'" || c === '"') {
      quote = c;
    } else if (c === '(') {
      called ||= isIdentifierCode(text.charCodeAt(i - 1));
      depth++;
    } else if (c === ')' && --depth < 0) {
      return -1;
    } else if (c === ';' && depth === 0 && called) {
      const comment = skipBlanks(text, i + 1);
      if (text.charAt(comment) === '#' || text.startsWith('//', comment)) {
        return comment;
      }
    }
  }
  return -1;
}

/** Code, not prose, at `at`: an identifier called, assigned or dereferenced (`exit(`, `d=`, `a.b`, `a[0]`). */
function opensStatement(text: string, at: number): boolean {
  if (!isIdentifierStart(text.charCodeAt(at))) {
    return false;
  }
  const next = text.charAt(skipBlanks(text, identifierEnd(text, at)));
  return next !== '' && '(=.['.includes(next);
}

/**
 * Code injected into a string a server evaluates (PHP's `eval`, MongoDB's `$where`, code built from a template): the
 * value closes the string or statement it lands in, runs statements with a call in them, and comments out the rest of
 * the line (`';exit(md5('x'));//`, `a;exit(md5('x'));#`, `".exit(md5('x'));//`,
 * `';d=new Date();do{cd=new Date();}while(cd-d<10000);//`). Scanners probe with harmless calls, so the shape is the
 * attack, not the function. It must open the value: a quote after at most a few letters or digits (the original
 * value), then `;` (or `.`, PHP's concatenation, after the quote), or a bare `;`; a method chain (`.then(x);//`) opens
 * with neither.
 */
export const evalBreakoutRule: Rule = {
  id: 'other-049',
  kind: 'php',
  severity: 'critical',
  paranoia: 1,
  find(form) {
    let i = 0;
    while (i < MAX_PREFIX && i < form.length && isIdentifierCode(form.charCodeAt(i))) {
      i++;
    }
    const quoted = form.charAt(i) === "'" || form.charAt(i) === '"';
    i = skipBlanks(form, quoted ? i + 1 : i);
    const joiner = form.charAt(i);
    if (joiner !== ';' && !(quoted && joiner === '.')) {
      return null;
    }
    const statements = skipBlanks(form, i + 1);
    if (!opensStatement(form, statements)) {
      return null;
    }
    const comment = commentAfterStatements(form, statements);
    return comment < 0 ? null : form.slice(0, Math.min(comment + 2, 64));
  },
};
