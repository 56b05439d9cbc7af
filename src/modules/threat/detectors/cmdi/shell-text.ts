/**
 * Undoes shell obfuscation that leaves the command unchanged when run: quotes inside words (`w'h'o'am'i`), empty substitutions (`wh``oami`, `who$()ami`),
 * backslashes before letters (`c\at`), `$IFS` forms (`cat${IFS}/etc/passwd`, `$IFS$9`) and empty positional
 * parameters (`$@`). Quotes are dropped entirely: only command words are read from the result.
 */
export function collapseShell(form: string): string {
  let out = '';
  let i = 0;
  while (i < form.length) {
    const c = form.charAt(i);
    if (c === "'" || c === '"') {
      i++;
      continue;
    }
    if ((c === '`' && form.charAt(i + 1) === '`') || (c === '$' && form.startsWith('()', i + 1))) {
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

/** `c${KK}url`, `sh$XX`: an unset variable glued to a word expands to nothing and splits the word for filters. */
function gluedVariableLength(form: string, at: number): number {
  if (at === 0 || !/[A-Za-z0-9]/.test(form.charAt(at - 1))) {
    return 0;
  }
  const braced = form.charAt(at + 1) === '{';
  let i = at + (braced ? 2 : 1);
  const start = i;
  while (i < form.length && i - start < 32 && /[A-Za-z0-9_]/.test(form.charAt(i))) {
    i++;
  }
  if (i === start) {
    return 0;
  }
  if (braced) {
    return form.charAt(i) === '}' ? i + 1 - at : 0;
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
 * A backtick opening inline code in prose ("Use `ls -la` to list"): preceded by a plain word and a space.
 * Substitution in an attack follows a separator, a quote, or is glued to the value.
 */
export function isProseBacktick(text: string, at: number): boolean {
  if (text.charAt(at - 1) !== ' ') {
    return false;
  }
  let i = at - 1;
  while (i > 0 && text.charAt(i - 1) === ' ') {
    i--;
  }
  const end = i;
  while (i > 0 && end - i < 32 && /[A-Za-z,.:]/.test(text.charAt(i - 1))) {
    i--;
  }
  return end - i >= 2 && /[A-Za-z]/.test(text.charAt(i));
}

/** Characters that end a shell command segment and start a new one. */
export function isSeparator(c: string): boolean {
  return c === ';' || c === '|' || c === '&' || c === '\n' || c === '\r' || c === '`' || c === '(' || c === '{';
}

/** Characters a command word may contain. */
export function isWordChar(c: string): boolean {
  return /[A-Za-z0-9_.+-]/.test(c);
}

/** Reads the word starting at `at` (possibly empty). */
export function readWord(text: string, at: number): string {
  let end = at;
  while (end < text.length && isWordChar(text.charAt(end))) {
    end++;
  }
  return text.slice(at, end);
}

export function skipSpaces(text: string, at: number): number {
  let i = at;
  while (i < text.length && (text.charAt(i) === ' ' || text.charAt(i) === '\t')) {
    i++;
  }
  return i;
}

/** An argument that reads as shell, not prose: a flag, a path, a variable, a URL, a redirection, a quote. */
export function looksLikeArgument(text: string, at: number): boolean {
  const c = text.charAt(at);
  if ('-/~$%<>|\\\'"`.*'.includes(c) && c !== '') {
    if (c === '-') {
      return /[A-Za-z-]/.test(text.charAt(at + 1));
    }
    return true;
  }
  if (/^[A-Za-z]:[\\/A-Za-z]/.test(text.slice(at, at + 3))) {
    return true;
  }
  const token = text.slice(at, skipToken(text, at));
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9]{1,5}$/.test(token) || /^[a-z]+:\/\//i.test(token) || token.includes('/');
}

/** Index just past the non-blank token at `at`. */
export function skipToken(text: string, at: number): number {
  let i = at;
  const limit = Math.min(text.length, at + 256);
  while (i < limit && !/\s/.test(text.charAt(i))) {
    i++;
  }
  return i;
}
