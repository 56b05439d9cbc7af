import { isPunct, isIdent, type JsToken } from './js-lexer.js';
import { CALLING_METHODS, PROBE_SINKS } from './js-names.js';

/** How far after `a=alert` a call of `a` is looked for: keeps the scan linear. */
const MAX_ALIAS_CALL_TOKENS = 16;
/** Methods JavaScript calls by itself when an object meets an operator: `valueOf=alert;window+''` runs the sink. */
const IMPLICIT_CALLS: ReadonlySet<string> = new Set(['valueOf', 'toString']);
/** Accessor keys in an object literal: `{get:alert}` handed to `Object.defineProperty` runs on the next read. */
const ACCESSOR_KEYS: ReadonlySet<string> = new Set(['get', 'set']);

/**
 * A sink handed over instead of called: `[1].find(alert)`, `Reflect.apply(alert,0,[1])`, `(alert)(1)`, `onerror=alert`,
 * `valueOf=alert`, `{get:alert}`, `a=alert,a(1)`.
 */
export function sinkAsValue(tokens: readonly JsToken[], k: number): boolean {
  const t = tokens[k];
  if (!t || !(PROBE_SINKS.has(t.text) || t.text === 'eval')) {
    return false;
  }
  const before = tokens[k - 1];
  const after = tokens[k + 1];
  if (isPunct(before, '(') && isPunct(after, ')')) {
    const method = tokens[k - 2];
    return isPunct(tokens[k + 2], '(') || tokens[k + 2]?.type === 'template' || isIdent(method, CALLING_METHODS);
  }
  if (isPunct(before, '(') && isPunct(after, ',')) {
    return isIdent(tokens[k - 2], CALLING_METHODS);
  }
  if (isPunct(before, ':')) {
    return isIdent(tokens[k - 2], ACCESSOR_KEYS) && (isPunct(tokens[k - 3], '{') || isPunct(tokens[k - 3], ','));
  }
  const handler = tokens[k - 2];
  if (!isPunct(before, '=') || handler?.type !== 'ident') {
    return false;
  }
  return (handler.text.toLowerCase().startsWith('on') && handler.text.length > 4) || IMPLICIT_CALLS.has(handler.text) || aliasCalled(tokens, k + 1, handler.text);
}

/** `a=alert,a(1)`, `x=eval;x(name)`: the name the sink was stored in, called within a few tokens. */
function aliasCalled(tokens: readonly JsToken[], from: number, alias: string): boolean {
  if (!isPunct(tokens[from], ',') && !isPunct(tokens[from], ';')) {
    return false;
  }
  const stop = Math.min(tokens.length - 1, from + MAX_ALIAS_CALL_TOKENS);
  for (let j = from + 1; j < stop; j++) {
    const t = tokens[j];
    if (t?.type === 'ident' && t.text === alias && !isPunct(tokens[j - 1], '.')) {
      const next = tokens[j + 1];
      return next !== undefined && (isPunct(next, '(') || next.type === 'template') && !(next.spaced && !next.commented);
    }
  }
  return false;
}
