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
  // Whether the line holding the last pipe seen is a table row, and where that line ends: each line is read once.
  let rowEnd = -1;
  let tableRow = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    const opensValue = blankSoFar;
    blankSoFar = blankSoFar && /\s/.test(c);
    const strong = c === ';' || c === '|' || c === '&' || c === '\n' || c === '`' || (c === '(' && '$<>'.includes(text.charAt(i - 1)) && i > 0);
    if (c === '|' && i >= rowEnd) {
      const newline = text.indexOf('\n', i);
      rowEnd = newline < 0 ? text.length : newline;
      tableRow = isTableRow(text.slice(text.lastIndexOf('\n', i) + 1, rowEnd).trim());
    }
    if (!strong || (c === '`' && markdown.has(i)) || (c === '|' && tableRow)) {
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

/**
 * `| id    | string | Yes |`: a row of a Markdown or ASCII table, a line that opens and closes with a pipe and has at
 * least three, each with a space on its inner sides, none doubled. A pipe that runs a command (`| id`, `|id|`) is
 * written without that frame.
 */
function isTableRow(line: string): boolean {
  if (line.length < 5 || line.charAt(0) !== '|' || line.charAt(line.length - 1) !== '|' || line.includes('||')) {
    return false;
  }
  let pipes = 0;
  for (let i = line.indexOf('|'); i >= 0; i = line.indexOf('|', i + 1)) {
    if ((i > 0 && line.charAt(i - 1) !== ' ') || (i < line.length - 1 && line.charAt(i + 1) !== ' ')) {
      return false;
    }
    pipes++;
  }
  return pipes >= 3;
}
