import { skipBlanks } from '../blanks.js';
import { isJsSpace } from '../js-space.js';

/** Shell words are separated by spaces and tabs. */
export { skipBlanks as skipSpaces } from '../blanks.js';

const SHELL_MARKS = /[`$\\]/;
const QUOTE = /["']/;
const QUOTES = /["']/g;

/**
 * Undoes shell obfuscation that leaves the command unchanged when run: quotes inside words (`w'h'o'am'i`), empty substitutions (`wh``oami`, `who$()ami`),
 * backslashes before letters (`c\at`), `$IFS` forms (`cat${IFS}/etc/passwd`, `$IFS$9`) and empty positional
 * parameters (`$@`). Quotes are dropped entirely: only command words are read from the result.
 */
export function collapseShell(form: string): string {
  // Only `$`, backticks and backslashes make more than quotes go: most values take this path.
  if (!SHELL_MARKS.test(form)) {
    return QUOTE.test(form) ? form.replace(QUOTES, '') : form;
  }
  let out = '';
  let i = 0;
  while (i < form.length) {
    const c = form.charAt(i);
    if (c === "'" || c === '"') {
      i++;
      continue;
    }
    // An empty pair of backticks, not a Markdown fence (three or more).
    const emptyTicks = c === '`' && form.charAt(i + 1) === '`' && form.charAt(i + 2) !== '`' && form.charAt(i - 1) !== '`';
    if (emptyTicks || (c === '$' && form.startsWith('()', i + 1))) {
      i += c === '`' ? 2 : 3;
      continue;
    }
    if (c === '\\' && i + 1 < form.length && /[A-Za-z0-9]/.test(form.charAt(i + 1))) {
      i++;
      continue;
    }
    if (c === '$') {
      const skip = ifsLength(form, i);
      if (skip > 0) {
        out += ' ';
        i += skip;
        continue;
      }
      const glued = gluedVariableLength(form, i);
      if (glued > 0) {
        i += glued;
        continue;
      }
      const next = form.charAt(i + 1);
      if (next === '@' || next === '*' || (next >= '0' && next <= '9')) {
        i += 2;
        continue;
      }
    }
    out += c;
    i++;
  }
  return out;
}

/**
 * `c${KK}url`, `sh$XX`, `${KK}s${KK}et`: an unset variable glued to a word expands to nothing and splits the word for
 * filters. Only a braced one can open the word: `$XXset` names the variable `XXset`.
 */
function gluedVariableLength(form: string, at: number): number {
  const braced = form.charAt(at + 1) === '{';
  const afterWord = at > 0 && /[A-Za-z0-9]/.test(form.charAt(at - 1));
  if (!afterWord && !braced) {
    return 0;
  }
  let i = at + (braced ? 2 : 1);
  const start = i;
  while (i < form.length && i - start < 32 && /[A-Za-z0-9_]/.test(form.charAt(i))) {
    i++;
  }
  if (i === start) {
    return 0;
  }
  if (braced) {
    return form.charAt(i) === '}' && (afterWord || /[A-Za-z0-9]/.test(form.charAt(i + 1))) ? i + 1 - at : 0;
  }
  return i - at;
}

function ifsLength(form: string, at: number): number {
  const rest = form.slice(at, at + 7).toUpperCase();
  if (rest.startsWith('${IFS}')) {
    return 6;
  }
  if (rest.startsWith('$IFS')) {
    return 4;
  }
  return 0;
}

/**
 * Whether a line ends at `at`: LF, or a lone CR (CRS reads both as line breaks); inside CRLF only the LF counts, so a
 * CRLF is one break, not two.
 */
export function isLineBreakAt(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  return code === 0x0a || (code === 0x0d && text.charCodeAt(at + 1) !== 0x0a);
}

/** Characters that end a shell command segment and start a new one. */
export function isSeparator(c: string): boolean {
  return c === ';' || c === '|' || c === '&' || c === '\n' || c === '\r' || c === '`' || c === '(' || c === '{';
}

/** Characters a command word may contain. */
export function isWordChar(c: string): boolean {
  return c.length === 1 && isWordCode(c.charCodeAt(0));
}

/** `isWordChar` by code unit; false for NaN (`charCodeAt` past the end). */
export function isWordCode(code: number): boolean {
  const lower = code | 0x20;
  return (lower >= 0x61 && lower <= 0x7a) || (code >= 0x30 && code <= 0x39) || code === 0x5f || code === 0x2e || code === 0x2b || code === 0x2d;
}

/** Reads the word starting at `at` (possibly empty). */
export function readWord(text: string, at: number): string {
  let end = at;
  while (end < text.length && isWordCode(text.charCodeAt(end))) {
    end++;
  }
  return text.slice(at, end);
}

/** An argument that reads as shell, not prose: a flag, a path, a variable, a URL, a redirection, a quote. */
export function looksLikeArgument(text: string, at: number): boolean {
  const c = text.charAt(at);
  if ('-/~$%<>|\\\'"`.*'.includes(c) && c !== '') {
    if (c === '-') {
      return /[A-Za-z-]/.test(text.charAt(at + 1));
    }
    return (c !== '<' && c !== '>') || !comparesInCode(text, at);
  }
  if (/^[A-Za-z]:[\\/A-Za-z]/.test(text.slice(at, at + 3))) {
    return true;
  }
  // `| dir c: |`: a bare drive ending the command; "type A: basic" goes on in prose.
  if (/^[A-Za-z]: *(?:$|[|&;\r\n])/.test(text.slice(at, at + 16))) {
    return true;
  }
  const token = text.slice(at, skipToken(text, at));
  // `notes.txt` names a file; `3.8` is a version or a number (`Python 3.8`, `GCC 8.1`), which no command takes as a file.
  return (/^[A-Za-z0-9_-]+\.[A-Za-z0-9]{1,5}$/.test(token) && !isDecimal(token)) || /^[a-z]+:\/\//i.test(token) || token.includes('/');
}

/** A host name with a letter TLD (`x.oastify.com`) or a dotted IPv4 address. */
export function isHostArgument(token: string): boolean {
  return token === 'localhost' || isHostName(token) || /^[0-9]{1,3}(?:\.[0-9]{1,3}){3}$/.test(token);
}

/** A dotted host name with a letter TLD (`x.oastify.com`). */
export function isHostName(token: string): boolean {
  return /^(?:[A-Za-z0-9-]{1,63}\.){1,8}[A-Za-z]{2,12}$/.test(token);
}

/** Index past the commas at `at`. */
export function skipCommas(text: string, at: number): number {
  let i = at;
  while (text.charAt(i) === ',') {
    i++;
  }
  return i;
}

/** `3.8`, `10.15`: digits, one dot, digits. */
export function isDecimal(token: string): boolean {
  return /^[0-9]+\.[0-9]+$/.test(token);
}

/** Index just past the non-blank token at `at`. */
export function skipToken(text: string, at: number): number {
  let i = at;
  const limit = Math.min(text.length, at + 256);
  while (i < limit && !isJsSpace(text.charCodeAt(i))) {
    i++;
  }
  return i;
}

/**
 * `0x10ffff`, `12`, `groups.length`, `self[MAX_AGE]`, `targetStart`: a number or a program's name for a value. A file
 * name (`x.txt`, `out.log`, `passwd`) has a short extension or none, and no brackets or humps.
 */
function namesValue(operand: string): boolean {
  if (/^(?:0x[0-9a-f]+|[0-9]+(?:\.[0-9]+)?)$/i.test(operand)) {
    return true;
  }
  if (!/^[a-z_$][\w$]*(?:\.[\w$]+|\[[\w$'"]+\])*$/i.test(operand)) {
    return false;
  }
  const dot = operand.lastIndexOf('.');
  return operand.includes('[') || /[a-z][A-Z]|[_$]/.test(operand) || (dot > 0 && operand.length - dot > 5);
}

/**
 * `start < groups.length;`, `cp > 0x10ffff)`, `(cp >> 12)`, `start >= end`: code comparing or shifting values, not a
 * redirection. `<=` and `>=` redirect to a file named `=`, which no one writes; a spaced `<` or `>` counts as code when
 * a number or a program's name for a value follows and the expression goes on (`)`, `;`, `&&`, `||`, `?`).
 * `; cat < /etc/passwd;`, `; cat < x.txt;` and `| id > out.txt` stay redirections.
 */
function comparesInCode(text: string, at: number): boolean {
  const c = text.charAt(at);
  let i = at + 1;
  if (text.charAt(i) === '=') {
    return true;
  }
  if (text.charAt(i) === c) {
    i++;
  }
  if (text.charAt(at - 1) !== ' ' || text.charAt(i) !== ' ') {
    return false;
  }
  const start = skipBlanks(text, i);
  let end = start;
  while (end < text.length && end - start < 64 && /[\w$.[\]'"]/.test(text.charAt(end))) {
    end++;
  }
  const after = skipBlanks(text, end);
  const goesOn = (after < text.length && ');?'.includes(text.charAt(after))) || text.startsWith('&&', after) || text.startsWith('||', after);
  return goesOn && namesValue(text.slice(start, end));
}
