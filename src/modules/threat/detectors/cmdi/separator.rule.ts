import type { Rule } from '../rule-kit.js';
import { commandAt } from './command-position.js';
import { collapseShell, markdownBackticks } from './shell-text.js';

/** `;` `|` `||` `&&` `&` newline `$(` and backticks start a new command; the word after them is run. */
export const separatorRule: Rule = {
  id: 'cmdi-001',
  kind: 'cmdi',
  severity: 'critical',
  paranoia: 1,
  find(form) {
    return separatedCommand(form) ?? (ESCAPED_BREAK.test(form) ? separatedCommand(expandEscapedBreaks(form)) : null);
  },
};

/**
 * `;id\n`, `\n/bin/ls -al\n`: line breaks written as escapes, for the many places that expand them (`echo -e`,
 * `printf`, JSON and PHP strings). Read as a second form only: inside a word the shell reads `\n` as `n` (`u\name`).
 */
const ESCAPED_BREAK = /\\[nr]/;
const ESCAPED_BREAK_OR_TEXT = /\\[nr]|[^\s'"]/g;

/**
 * Escapes that open or close the value become line breaks; the others only end a word: `Interface\n(start / stop)`
 * is a diagram label, `\nid\n` a probe on a line of its own.
 */
function expandEscapedBreaks(form: string): string {
  const tail = trailingBreaksStart(form);
  let opening = true;
  return form.replace(ESCAPED_BREAK_OR_TEXT, (found, at: number) => {
    if (found.length === 2) {
      return opening || at >= tail ? '\n' : ' ';
    }
    opening = false;
    return found;
  });
}

/** Where the run of escaped breaks, spaces and quotes that ends `form` starts. */
function trailingBreaksStart(form: string): number {
  let at = form.length;
  for (;;) {
    const before = form.charAt(at - 1);
    if (/[\s'"]/.test(before)) {
      at--;
    } else if ((before === 'n' || before === 'r') && form.charAt(at - 2) === '\\') {
      at -= 2;
    } else {
      return at;
    }
  }
}

function separatedCommand(form: string): string | null {
  const text = collapseShell(form);
  const markdown = markdownBackticks(text);
  let blankSoFar = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    const opensValue = blankSoFar;
    blankSoFar = blankSoFar && /\s/.test(c);
    const strong = c === ';' || c === '|' || c === '&' || c === '\n' || c === '`' || (c === '(' && '$<>'.includes(text.charAt(i - 1)) && i > 0);
    if (!strong || (c === '`' && markdown.has(i))) {
      continue;
    }
    let at = i + 1;
    while (at < text.length && (text.charAt(at) === c || text.charAt(at) === '\r')) {
      at++;
    }
    i = at - 1;
    const found = commandAt(text, at, { allowBare: true, allowWords: true, bareNeedsDistinctive: c === '\n', opensValue, caseSensitive: c === '`' || c === '(' });
    if (found !== null) {
      return c + found;
    }
  }
  return null;
}
