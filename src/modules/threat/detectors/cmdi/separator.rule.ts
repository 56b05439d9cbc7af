import type { Rule } from '../rule-kit.js';
import { commandAt } from './command-position.js';
import { expandEscapedBreaks } from './escaped-breaks.js';
import { collapseShell, markdownBackticks } from './shell-text.js';

/** `;` `|` `||` `&&` `&` newline `$(` and backticks start a new command; the word after them is run. */
export const separatorRule: Rule = {
  id: 'cmdi-001',
  kind: 'cmdi',
  severity: 'critical',
  paranoia: 1,
  find(form) {
    const found = separatedCommand(form);
    if (found !== null) {
      return found;
    }
    const expanded = expandEscapedBreaks(form);
    return expanded === null ? null : separatedCommand(expanded);
  },
};

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
