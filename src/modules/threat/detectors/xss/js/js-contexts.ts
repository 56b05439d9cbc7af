import { type JsToken, lexJs } from './js-lexer.js';

export interface JsContext {
  tokens: JsToken[];
  /** The stream starts right after a quote or `${` that closed the string the value was placed in. */
  afterBreak: boolean;
  steps: number;
}

/** Characters that, right after a closing quote, continue an expression or end a statement: `';`, `"-`, `')`. */
const BREAK_FOLLOWERS = new Set([';', ',', '+', '-', '*', '/', '%', '&', '|', '^', '?', ':', ')', ']', '}', '<', '>', '=', '!', '\n', '\r']);

/**
 * `;confirm()//`, `});};confirm()//`, `1;confirm()`, or the same after the star and slash that close a comment: a value
 * that opens with a number or closing brackets and a `;` ends the statement it was written into unquoted
 * (`var x = VALUE;`), so what follows runs as after a quote. The next statement must follow the `;` at once: prose
 * puts a space there (`; see alert()`).
 */
function endsStatement(input: string): boolean {
  let i = 0;
  while (input.charAt(i) === ' ' || input.charAt(i) === '\t') {
    i++;
  }
  if (input.startsWith('*/', i)) {
    i += 2;
  }
  // A number the value replaced (`var id = 1;…`).
  while (i < input.length && i < 16 && input.charCodeAt(i) >= 0x30 && input.charCodeAt(i) <= 0x39) {
    i++;
  }
  for (; i < input.length; i++) {
    const c = input.charAt(i);
    if (c === ';' && startsIdentifier(input.charCodeAt(i + 1))) {
      return true;
    }
    if (c !== ';' && c !== ')' && c !== ']' && c !== '}' && c !== ' ' && c !== '\t') {
      return false;
    }
  }
  return false;
}

function startsIdentifier(code: number): boolean {
  const lower = code | 0x20;
  return (lower >= 0x61 && lower <= 0x7a) || code === 0x5f || code === 0x24;
}

/**
 * `${` runs code inside a template the value lands in, and inside a template the value writes itself (`` `${…}` ``);
 * Netscape's JavaScript entity `&{…};` ran its body inside an attribute value, and payload lists still carry it.
 */
const SCRIPT_OPENERS: readonly string[] = ['${', '&{'];

/**
 * The value read as script in each place it can land: as code, inside '…', "…" or `…` (where the first matching
 * quote, or `${` in a template, ends the string). A quote only breaks out when what follows is an operator or a
 * statement end, which keeps apostrophes in prose (`it's`, `O'Brien`) from counting.
 */
export function jsContexts(input: string): JsContext[] {
  const code = lexJs(input);
  const contexts: JsContext[] = [{ tokens: code.tokens, afterBreak: endsStatement(input), steps: code.steps }];
  for (const opener of SCRIPT_OPENERS) {
    const interpolation = input.indexOf(opener);
    if (interpolation >= 0) {
      const lexed = lexJs(input, interpolation + 2);
      contexts.push({ tokens: lexed.tokens, afterBreak: true, steps: lexed.steps });
    }
  }
  for (const quote of ["'", '"', '`']) {
    let at = input.indexOf(quote);
    if (at < 0) {
      continue;
    }
    at++;
    let follower = at;
    while (follower < input.length && (input.charAt(follower) === ' ' || input.charAt(follower) === '\t')) {
      follower++;
    }
    if (!BREAK_FOLLOWERS.has(input.charAt(follower))) {
      continue;
    }
    const lexed = lexJs(input, at);
    contexts.push({ tokens: lexed.tokens, afterBreak: true, steps: lexed.steps });
  }
  return contexts;
}
