import type { Rule } from '../rule-kit.js';
import { isJsSpace } from '../js-space.js';
import { commandStrength } from './command-words.js';
import { collapseShell, readWord } from './shell-text.js';

/** Token boundaries: blanks (what `/\s/` matches) and the separators that start a new command. */
function isBoundary(code: number): boolean {
  return code === 0x3b || code === 0x7c || code === 0x26 || code === 0x3c || code === 0x3e || isJsSpace(code);
}

/** `` ` $ ' " \ ^ ``: every way `isSplit` knows of splitting a word holds one of them. */
function isSplitMark(code: number): boolean {
  return code === 0x60 || code === 0x24 || code === 0x27 || code === 0x22 || code === 0x5c || code === 0x5e;
}

/**
 * A command word split by shell syntax that disappears when the word runs: `w'h'o'am'i`, `'c'url`, `"w"get`,
 * `pi$()ng`, `pi``ng`, `who$@ami`, `wh\oami`, `\ls`, and cmd's caret escapes (`^w^h^o^a^m^i`). Nobody writes a word that way except to hide it from filters,
 * so any command word counts, prose or not. One apostrophe (`p's`) is English, not a split.
 */
export const obfuscatedWordRule: Rule = {
  id: 'cmdi-013',
  kind: 'cmdi',
  severity: 'critical',
  paranoia: 1,
  find(form) {
    let i = 0;
    while (i < form.length) {
      while (i < form.length && isBoundary(form.charCodeAt(i))) {
        i++;
      }
      const start = i;
      // Tokens without a split mark (most words of prose) are not cut out and judged at all.
      let marked = false;
      while (i < form.length && !isBoundary(form.charCodeAt(i)) && i - start < 64) {
        marked ||= isSplitMark(form.charCodeAt(i));
        i++;
      }
      const token = marked ? wordPart(withoutDocstringQuotes(form.slice(start, i))) : '';
      if (marked && runsHiddenCommand(token)) {
        return token;
      }
      while (i < form.length && !isBoundary(form.charCodeAt(i))) {
        i++;
      }
    }
    return null;
  },
};

/**
 * `"""Test the parser` opens a Python docstring (or a Markdown block) before a word, and `a file."""` closes one:
 * nobody hides a command behind three quotes, while `""` alone splits one. A word between both (`"""whoami"""`) is
 * still judged with its quotes.
 */
function withoutDocstringQuotes(token: string): string {
  const opens = /^(?:"""|''')[A-Za-z]/.test(token);
  const closes = /[^'"](?:"""|''')$/.test(token);
  if (opens === closes) {
    return token;
  }
  return opens ? token.slice(3) : token.slice(0, -3);
}

/** Whether `token` is split by shell syntax and, put back together, opens with a command word. */
function runsHiddenCommand(token: string): boolean {
  if (!isSplit(token)) {
    return false;
  }
  const text = collapseShell(token.replace(/\^/g, ''));
  const at = skipOpeners(text);
  const word = readWord(text, at);
  return word.length > 1 && commandStrength(word) !== null && !/[A-Za-z0-9_]/.test(text.charAt(at + word.length));
}

/** `(`, `` ` ``, `$(` and cmd's `@` (no echo) may open the token: the word inside or after them is what runs. */
function skipOpeners(text: string): number {
  let at = 0;
  while (at < text.length && at < 4 && '($`@'.includes(text.charAt(at))) {
    at++;
  }
  return at;
}

/** The token up to where a word would end: `printf("a\n")` is judged on `printf`, not on its argument. */
function wordPart(token: string): string {
  for (let k = 0; k < token.length; k++) {
    const c = token.charAt(k);
    const emptyGroup = (c === '(' && '$<>'.includes(token.charAt(k - 1)) && k > 0) || (c === ')' && token.charAt(k - 1) === '(');
    if ('()/=,:[]{}'.includes(c) && !emptyGroup && !(c === '(' && k < 2)) {
      return token.slice(0, k);
    }
  }
  return token;
}

function isSplit(token: string): boolean {
  // An empty substitution splits a word between two of its characters (`pi``ng`) or closes it (`ping``); ``ls``
  // opening the token is reStructuredText's (and Markdown's) inline literal, and hides nothing.
  const literal = token.startsWith('``');
  if ((/[A-Za-z0-9_]``(?!`)[A-Za-z0-9_]|\$\(\)|\$@|[<>]\(\)|''|""/.test(token) || (!literal && /[A-Za-z0-9_]``$/.test(token))) && !token.includes('```')) {
    return true;
  }
  // Regular-expression classes (`\d\d`) are not escapes hiding a word.
  if ((/^[\\^][A-Za-z]/.test(token) || /[A-Za-z][\\^][A-Za-z]/.test(token)) && !/\\[dDwWsSbB]/.test(token)) {
    return true;
  }
  const quotes = token.length - token.replace(/['"]/g, '').length;
  return quotes >= 2 && /[A-Za-z]['"]+[A-Za-z]/.test(token);
}
