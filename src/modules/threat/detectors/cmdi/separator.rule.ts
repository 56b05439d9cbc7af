import type { Rule } from '../rule-kit.js';
import { commandAt } from './command-position.js';
import { closesReference, writesNamedReference } from '../../normalize/html-entities.util.js';
import { expandEscapedBreaks } from './escaped-breaks.js';
import { markdownBackticks, TableRows } from './markdown-code.js';
import { collapseShell, isLineBreakAt, isWordCode } from './shell-text.js';

/** `;` `|` `||` `&&` `&` newline SUB `$(` and backticks start a new command; the word after them is run. */
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
  let rows: TableRows | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    const opensValue = blankSoFar;
    blankSoFar = blankSoFar && /\s/.test(c);
    // A lone CR ends a line as LF does where a line is read (CRS lists both); inside CRLF the LF is the separator.
    const lineBreak = isLineBreakAt(text, i);
    // SUB (0x1a) ends a command line for cmd.exe; scanners send it before any command (commix, SHELLING).
    const strong = c === ';' || c === '|' || c === '&' || c === '\u001a' || lineBreak || c === '`' || (c === '(' && '$<>'.includes(text.charAt(i - 1)) && i > 0);
    // `&copy; 2024 Acme`: a character reference written out, not a background job running `copy`; nor is the `;`
    // closing one before a space (`dog &apos; tail &apos;`), though a shell reads a glued one (`x&copy;whoami`) as a
    // separator. The decoded form, inspected too, is where an encoded separator (`x&amp;id`) shows.
    if (!strong || (c === '`' && markdown.has(i)) || (c === '|' && ((rows ??= new TableRows(text)).at(i) || isAlternation(text, i))) || (c === '&' && writesNamedReference(text, i)) || (c === ';' && text.charAt(i + 1) === ' ' && closesReference(text, i))) {
      continue;
    }
    let at = i + 1;
    while (at < text.length && (text.charAt(at) === c || text.charAt(at) === '\r')) {
      at++;
    }
    i = at - 1;
    const found = commandAt(text, at, { allowBare: true, allowWords: true, bareNeedsDistinctive: lineBreak, opensValue, caseSensitive: c === '`' || c === '(' });
    if (found !== null) {
      return c + found;
    }
  }
  return null;
}

/**
 * `(controller|file|rect)`, `r'append|copy|find|head|'`: the pipe at `pipe` sits between two words of an alternation
 * (a regular expression's, a type union's), glued to a word before it and to the word after it, which is itself glued
 * to the next pipe and a word, or closes a group. A pipe that runs a command (`x|id`, `|id|`, `1|cat /etc/passwd`) has
 * an argument, a space, an end or an empty side instead.
 */
function isAlternation(text: string, pipe: number): boolean {
  if (!isWordCode(text.charCodeAt(pipe - 1)) || text.charAt(pipe + 1) === '|') {
    return false;
  }
  let end = pipe + 1;
  while (end < text.length && end - pipe <= 64 && isWordCode(text.charCodeAt(end))) {
    end++;
  }
  const after = text.charAt(end);
  return end > pipe + 1 && ((after === '|' && isWordCode(text.charCodeAt(end + 1))) || after === ')');
}
