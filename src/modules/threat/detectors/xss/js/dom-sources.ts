import { isPunct, type JsToken } from './js-lexer.js';
import { GLOBAL_OBJECTS } from './js-names.js';

/** Page state an injected script reads to steal it (the cookie, the origin) or writes to send the victim away. */
const READ_SOURCES: ReadonlySet<string> = new Set(['cookie', 'domain']);
const LOCATION = 'location';

const isGlobal = (t: JsToken | undefined): boolean => t?.type === 'ident' && GLOBAL_OBJECTS.has(t.text);

/**
 * Whether the property at `k` (`document.cookie`, `document.domain`, `window.location`) is used the way a payload
 * uses it: alone on its line (a probe or a deny-listed name), as the whole argument of a call (`print(document.domain)`),
 * joined onto a string to send it away, or, for the address, assigned right after a string break. A longer chain
 * (`window.location.search`) or a mention in prose ("read document.cookie in the console") is left to paranoia 2.
 */
export function usesDomSource(tokens: readonly JsToken[], k: number, afterBreak: boolean): boolean {
  const name = tokens[k]?.text ?? '';
  if (tokens[k]?.type !== 'ident' || !(READ_SOURCES.has(name) || name === LOCATION) || !isPunct(tokens[k - 1], '.') || !isGlobal(tokens[k - 2])) {
    return false;
  }
  let first = k - 2;
  while (isPunct(tokens[first - 1], '.') && isGlobal(tokens[first - 2])) {
    first -= 2;
  }
  const before = tokens[first - 1];
  const after = tokens[k + 1];
  if (isPunct(after, '.') || isPunct(after, '[')) {
    return false;
  }
  if (standsAlone(tokens, first, k)) {
    return true;
  }
  if (name === LOCATION) {
    return afterBreak && isPunct(after, '=') && !isPunct(tokens[k + 2], '=');
  }
  const argument = isPunct(before, '(') && before?.spaced === false && isPunct(after, ')');
  return argument || isPunct(before, '+') || isPunct(after, '+');
}

/** The expression is its line's only content, a `;` aside. */
function standsAlone(tokens: readonly JsToken[], first: number, last: number): boolean {
  if (tokens[first]?.newline !== true) {
    return false;
  }
  const end = isPunct(tokens[last + 1], ';') ? last + 2 : last + 1;
  const next = tokens[end];
  return next === undefined || next.newline;
}
