export type JsTokenType = 'ident' | 'number' | 'string' | 'template' | 'punct';

export interface JsToken {
  type: JsTokenType;
  /** Identifier or punctuator text; for strings and templates, the content without quotes. */
  text: string;
  /** A comment or whitespace stood between this token and the previous one. */
  spaced: boolean;
  /** A comment stood between this token and the previous one (`document/**\/.cookie`). */
  commented: boolean;
  /** A line break (or the start of the input) stood between this token and the previous one. */
  newline: boolean;
}

/** The token is the punctuator `text`. */
export const isPunct = (t: JsToken | undefined, text: string): boolean => t?.type === 'punct' && t.text === text;
/** The token is an identifier among `names`. */
export const isIdent = (t: JsToken | undefined, names: ReadonlySet<string>): boolean => t?.type === 'ident' && names.has(t.text);

export interface JsLex {
  tokens: JsToken[];
  steps: number;
}

const isIdentStart = (c: string): boolean =>
  (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '$' || c === '_' || c.charCodeAt(0) > 0x7f;
const isIdentPart = (c: string): boolean => isIdentStart(c) || (c >= '0' && c <= '9');
const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isSpace = (c: string): boolean => c.charCodeAt(0) <= 0x20 || c === '\u00a0' || c === '\u2028' || c === '\u2029' || c === '\ufeff';
/** JavaScript's line terminators: a line comment ends at any of them (`//%0da=eval…` runs the code after the CR). */
const isLineTerminator = (c: string): boolean => c === '\n' || c === '\r' || c === '\u2028' || c === '\u2029';

/** Index just past the line terminator ending the line that holds `from`, or the input's length. */
function afterLine(input: string, from: number): number {
  for (let j = from; j < input.length; j++) {
    if (isLineTerminator(input.charAt(j))) {
      return j + 1;
    }
  }
  return input.length;
}

/**
 * A forgiving JavaScript lexer: identifiers, numbers, string and template literals, punctuators, comments skipped.
 * Division and regular expressions are not told apart (both come out as `/` punctuators), which is enough to see
 * calls and member accesses. Unterminated strings run to the end. Linear: every character is consumed once.
 */
export function lexJs(input: string, start = 0): JsLex {
  const tokens: JsToken[] = [];
  let steps = 0;
  let spaced = false;
  let commented = false;
  let newline = start === 0;
  let i = start;
  const push = (type: JsTokenType, text: string): void => {
    tokens.push({ type, text, spaced, commented, newline });
    spaced = false;
    commented = false;
    newline = false;
  };
  while (i < input.length) {
    steps++;
    const c = input.charAt(i);
    if (isSpace(c)) {
      spaced = true;
      newline ||= isLineTerminator(c);
      i++;
    } else if (c === '/' && input.charAt(i + 1) === '/' && input.charAt(i - 1) !== ':') {
      i = afterLine(input, i);
      spaced = commented = newline = true;
    } else if (c === '/' && input.charAt(i + 1) === '*') {
      const end = input.indexOf('*/', i + 2);
      i = end < 0 ? input.length : end + 2;
      spaced = commented = true;
    } else if (c === '<' && input.startsWith('<!--', i)) {
      // An HTML-like comment opener is a line comment in script.
      i = afterLine(input, i);
      spaced = commented = newline = true;
    } else if (isIdentStart(c) || (c === '\\' && input.charAt(i + 1) === 'u')) {
      let j = i + 1;
      while (j < input.length && (isIdentPart(input.charAt(j)) || input.charAt(j) === '\\')) {
        j++;
      }
      push('ident', input.slice(i, j));
      i = j;
    } else if (isDigit(c)) {
      let j = i + 1;
      while (j < input.length && (isIdentPart(input.charAt(j)) || input.charAt(j) === '.')) {
        j++;
      }
      push('number', input.slice(i, j));
      i = j;
    } else if (c === '"' || c === "'" || c === '`') {
      const end = stringEnd(input, i + 1, c);
      push(c === '`' ? 'template' : 'string', input.slice(i + 1, Math.min(end, input.length)));
      i = end + 1;
    } else {
      push('punct', c);
      i++;
    }
  }
  return { tokens, steps };
}

/** Index of the closing quote (or the input's length): backslash escapes skipped; plain strings end at a newline. */
function stringEnd(input: string, from: number, quote: string): number {
  let j = from;
  while (j < input.length) {
    const c = input.charAt(j);
    if (c === '\\') {
      j += 2;
    } else if (c === quote || (quote !== '`' && (c === '\n' || c === '\r'))) {
      return j;
    } else {
      j++;
    }
  }
  return input.length;
}
