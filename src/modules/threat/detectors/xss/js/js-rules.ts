import { XSS_RULES, type XssRule } from '../rules/xss-rules.js';
import { usesDomSource } from './dom-sources.js';
import { opensGlobalScope, regexSourceName } from './js-indirection.js';
import { sinkAsValue } from './js-sink-values.js';
import { isPunct, isIdent, type JsToken } from './js-lexer.js';
import {
  BREAK_SINKS,
  CODE_SINKS,
  DECODERS,
  GLOBAL_OBJECTS,
  PROBE_ARGUMENT_ROOTS,
  PROBE_SINKS,
  SENSITIVE_PROPERTIES,
  STORAGE_OBJECTS,
} from './js-names.js';

export interface JsFinding {
  rule: XssRule;
  fragment: string;
}

/** How far a rule looks ahead for a call's closing parenthesis: keeps the scan linear. */
const MAX_ARGUMENT_TOKENS = 64;
const MAX_PROBE_STRING = 1;
/** Only attacks call these with a template literal, so whitespace before the backtick does not make it prose. */
const TEMPLATE_CALLERS: ReadonlySet<string> = new Set(['call', 'apply', 'bind']);

const INVOKERS: ReadonlySet<string> = new Set(['call', 'apply']);
// `location` too: `'-location.replace('//evil')-'` navigates away (or to a `javascript:` URL) once the string is closed.
const GLOBAL_CALL_ROOTS: ReadonlySet<string> = new Set([...GLOBAL_OBJECTS, 'location'].filter((name) => name !== 'self' && name !== 'content'));

/**
 * Script-running patterns in a token stream. `afterBreak` says the stream follows a quote or `${` that closed the
 * string the value sat in, so any call to a sink runs; without it only calls shaped like attacks count.
 */
export function findJsScript(tokens: readonly JsToken[], afterBreak: boolean): JsFinding[] {
  const findings: JsFinding[] = [];
  const add = (rule: XssRule, at: number): void => {
    if (!findings.some((f) => f.rule === rule)) {
      findings.push({ rule, fragment: fragmentOf(tokens, at) });
    }
  };
  let globalScope = false;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t?.type === 'number' && spelledByRadix(tokens, k)) {
      add(XSS_RULES.jsObfuscatedAccess, k);
    }
    if (isPunct(t, '/') && !isPunct(tokens[k - 1], '+') && BREAK_SINKS.has(regexSourceName(tokens, k))) {
      add(XSS_RULES.jsObfuscatedAccess, k);
    }
    if (t?.type !== 'ident') {
      continue;
    }
    globalScope ||= opensGlobalScope(tokens, k);
    const next = tokens[k + 1];
    const called = isPunct(next, '(') || (isPunct(next, '?') && isPunct(tokens[k + 2], '.') && isPunct(tokens[k + 3], '('));
    // `eval.call \`…\`` may put a space before the template; prose says "call `destroy` on it" without the dot.
    // `import` is a keyword that only `(` may follow: "the `--import` flag" closes a code span, it tags nothing.
    const tagged = next?.type === 'template' && t.text !== 'import' && (!next.spaced || (TEMPLATE_CALLERS.has(t.text) && isPunct(tokens[k - 1], '.')));
    const argsAt = isPunct(next, '(') ? k + 2 : k + 4;

    if (afterBreak && (((called || tagged) && BREAK_SINKS.has(t.text)) || callsThroughGlobal(tokens, k) || assignsPageState(tokens, k))) {
      add(XSS_RULES.jsBreakCall, k);
    }
    // `alert.call(null, 1)`, `confirm.apply(null, [1])`: only a probe invokes a dialog that way.
    if (PROBE_SINKS.has(t.text) && isPunct(next, '.') && isIdent(tokens[k + 2], INVOKERS) && isPunct(tokens[k + 3], '(')) {
      add(XSS_RULES.jsProbeCall, k);
    }
    if (PROBE_SINKS.has(t.text) && called && !(next?.spaced && !next.commented)) {
      const probe = probeArguments(tokens, argsAt);
      if (probe === 'probe') {
        add(XSS_RULES.jsProbeCall, k);
      } else if (probe === 'string') {
        add(XSS_RULES.probeCallString, k);
      }
    }
    if (tagged && (PROBE_SINKS.has(t.text) || CODE_SINKS.has(t.text) || TEMPLATE_CALLERS.has(t.text))) {
      add(XSS_RULES.jsTaggedTemplate, k);
    }
    if ((GLOBAL_OBJECTS.has(t.text) && obfuscatedAccess(tokens, k)) || (t.text === 'this' && sinkByName(tokens, k))) {
      add(XSS_RULES.jsObfuscatedAccess, k);
    }
    if ((t.text === 'Function' || t.text === 'constructor') && (invokedResult(tokens, k + 1) || constructorChain(tokens, k))) {
      add(XSS_RULES.jsFunctionConstructor, k);
    }
    if (sinkAsValue(tokens, k)) {
      add(XSS_RULES.jsSinkAsValue, k);
    }
    // `eval.call(this, unescape(location))`, `eval.apply(null, [location.hash])`: the same call, its this first.
    const invoked = isPunct(next, '.') && isIdent(tokens[k + 2], INVOKERS) && isPunct(tokens[k + 3], '(');
    if (CODE_SINKS.has(t.text) && (called || invoked) && (globalScope || decodedArgument(tokens, invoked ? k + 4 : argsAt))) {
      add(XSS_RULES.jsEvalDecoded, k);
    }
    if (t.text === 'cookie' && isPunct(tokens[k - 1], '.') && isIdent(tokens[k - 2], GLOBAL_OBJECTS) && concatenated(tokens, k - 2)) {
      add(XSS_RULES.cookieExfiltration, k);
    }
    // `'+localStorage.getItem('token')`, `'+window.sessionStorage.jwt`: after a break, the page's stored secrets
    // appended to a string, as a stolen cookie is.
    if (afterBreak && STORAGE_OBJECTS.has(t.text) && (isPunct(tokens[k - 1], '+') || (isPunct(tokens[k - 1], '.') && isIdent(tokens[k - 2], GLOBAL_OBJECTS) && isPunct(tokens[k - 3], '+')))) {
      add(XSS_RULES.cookieExfiltration, k);
    }
    if (usesDomSource(tokens, k, afterBreak)) {
      add(XSS_RULES.jsDomSource, k - 2);
    }
    if (SENSITIVE_PROPERTIES.has(t.text) && isPunct(tokens[k - 1], '.') && isIdent(tokens[k - 2], GLOBAL_OBJECTS)) {
      add(XSS_RULES.jsSensitiveProperty, k);
    }
    if ((called || tagged) && (CODE_SINKS.has(t.text) || PROBE_SINKS.has(t.text))) {
      add(XSS_RULES.jsSinkCall, k);
    }
  }
  return findings;
}

/**
 * `location='//evil'`, `top.location.href=url`: a navigation assigned (not compared), bare or through a global object;
 * or the page's cookie or domain written.
 * After a break out of a string it sends the page away, or runs a `javascript:` URL.
 */
function assignsPageState(tokens: readonly JsToken[], k: number): boolean {
  const name = tokens[k]?.text;
  if (name === 'cookie' || name === 'domain') {
    // `document.cookie='sid=fixed'`, `document.domain=…`: page state only script writes.
    return isPunct(tokens[k - 1], '.') && tokens[k - 2]?.text === 'document' && isPunct(tokens[k + 1], '=') && !isPunct(tokens[k + 2], '=');
  }
  if (name !== 'location' || (isPunct(tokens[k - 1], '.') && !isIdent(tokens[k - 2], GLOBAL_OBJECTS))) {
    return false;
  }
  const at = isPunct(tokens[k + 1], '.') && tokens[k + 2]?.text === 'href' ? k + 3 : k + 1;
  return isPunct(tokens[at], '=') && !isPunct(tokens[at + 1], '=');
}

type ProbeKind = 'probe' | 'string' | 'other';

/** Classifies `alert(…)` arguments: empty, a number, a regex, `document.domain`-like, or a marker string. */
function probeArguments(tokens: readonly JsToken[], from: number): ProbeKind {
  const end = closingParen(tokens, from - 1);
  const args = tokens.slice(from, end < 0 ? Math.min(tokens.length, from + MAX_ARGUMENT_TOKENS) : end);
  const first = args[0];
  if (!first) {
    // `alert()` is also how prose names the function; empty calls only count after a break.
    return 'string';
  }
  if (args.length === 1 && first.type === 'number') {
    return 'probe';
  }
  if (first.type === 'punct' && first.text === '/' && isPunct(args[args.length - 1], '/')) {
    return 'probe';
  }
  if (first.type === 'ident' && PROBE_ARGUMENT_ROOTS.has(first.text)) {
    return 'probe';
  }
  if (args.length === 1 && (first.type === 'string' || first.type === 'template')) {
    const text = first.text;
    const marker = text.length <= MAX_PROBE_STRING || /^\d+$/.test(text) || text.toLowerCase().includes('xss');
    return marker ? 'probe' : 'string';
  }
  return 'other';
}

/**
 * `window.top.tracer.log()`, `document.body.append(x)`, `location.replace(url)`: a method called through a global
 * object's members. After a break out of a string that is script running, whatever the method (scanners call their
 * own markers). Not through `self` or `content`: Python's methods are called on `self` (`f"{self.fileno()}"`).
 */
function callsThroughGlobal(tokens: readonly JsToken[], k: number): boolean {
  if (!isIdent(tokens[k], GLOBAL_CALL_ROOTS) || isPunct(tokens[k - 1], '.')) {
    return false;
  }
  let j = k + 1;
  let steps = 0;
  while (steps < 8 && isPunct(tokens[j], '.') && tokens[j + 1]?.type === 'ident') {
    j += 2;
    steps++;
  }
  return steps > 0 && isPunct(tokens[j], '(');
}

/** Index of the `)` matching the `(` at `open`, or -1 when it is not within reach. */
function closingParen(tokens: readonly JsToken[], open: number): number {
  let depth = 0;
  for (let j = open; j < tokens.length && j - open <= MAX_ARGUMENT_TOKENS; j++) {
    const t = tokens[j];
    if (isPunct(t, '(')) {
      depth++;
    } else if (isPunct(t, ')')) {
      depth--;
      if (depth === 0) {
        return j;
      }
    }
  }
  return -1;
}

/** `window["alert"]`, `(document)["cookie"]`, `top[/al/.source+…]`, `document /*x*\/ . cookie`. */
function obfuscatedAccess(tokens: readonly JsToken[], k: number): boolean {
  let j = k + 1;
  if (isPunct(tokens[j], ')')) {
    j++;
  }
  // `top?.["ale"+"rt"](1)`: optional chaining looks the member up all the same.
  if (isPunct(tokens[j], '?') && isPunct(tokens[j + 1], '.') && isPunct(tokens[j + 2], '[')) {
    j += 2;
  }
  if (isPunct(tokens[j], '[')) {
    const inside = tokens[j + 1];
    return inside !== undefined && (inside.type === 'string' || inside.type === 'template' || isPunct(inside, '/') || isPunct(tokens[j + 2], '+') || decodedName(tokens, j + 1));
  }
  const dot = tokens[k + 1];
  const member = tokens[k + 2];
  return isPunct(dot, '.') && member?.type === 'ident' && (dot?.commented === true || member.commented);
}

/** Decoding calls that spell a member's name: `atob('YWxlcnQ=')`, `String.fromCharCode(97,108,…)`. */
const NAME_DECODERS: ReadonlySet<string> = new Set(['atob', 'unescape', 'decodeURI', 'decodeURIComponent']);
const CHAR_CODE_DECODERS: ReadonlySet<string> = new Set(['fromCharCode', 'fromCodePoint']);

/** `window[atob('…')]`, `top[String.fromCharCode(…)]`: a global's member named by a decoded string. */
function decodedName(tokens: readonly JsToken[], at: number): boolean {
  const t = tokens[at];
  if (isIdent(t, NAME_DECODERS)) {
    return isPunct(tokens[at + 1], '(');
  }
  return t?.type === 'ident' && t.text === 'String' && isPunct(tokens[at + 1], '.') && isIdent(tokens[at + 2], CHAR_CODE_DECODERS);
}

/** `this['alert']`: a sink looked up by its name on the current object (handlers run with `this` the element or window). */
function sinkByName(tokens: readonly JsToken[], k: number): boolean {
  const bracket = tokens[k + 1];
  if (!isPunct(bracket, '[')) {
    return false;
  }
  if (BREAK_SINKS.has(tokens[k + 2]?.text ?? '') && tokens[k + 2]?.type === 'string') {
    return true;
  }
  // `this['ale'+'rt']`, glued as written: the screen lets `this[` through (xss.screen.ts), the name has no word of its own.
  return bracket?.spaced === false && !bracket.commented && BREAK_SINKS.has(joinedString(tokens, k + 2));
}

/** `'ale'+'rt'`: string literals joined by `+` from `from` on (at most 8), as one string; '' when none starts there. */
function joinedString(tokens: readonly JsToken[], from: number): string {
  let text = '';
  let j = from;
  for (let parts = 0; parts < 8 && tokens[j]?.type === 'string'; parts++) {
    text += tokens[j]?.text ?? '';
    if (!isPunct(tokens[j + 1], '+')) {
      break;
    }
    j += 2;
  }
  return text;
}

/** Bases above 24 spell words: `8680439..toString(30)` is "alert". Code converting ids uses a variable, not a literal. */
const MIN_SPELLING_RADIX = 25;
function spelledByRadix(tokens: readonly JsToken[], k: number): boolean {
  const radix = tokens[k + 2];
  return (tokens[k]?.text.endsWith('.toString') ?? false) && isPunct(tokens[k + 1], '(') && radix?.type === 'number' && Number(radix.text) >= MIN_SPELLING_RADIX;
}

/** `Function(…)(…)` or `constructor(…)\`…\``: a function built from a string and run at once. */
function invokedResult(tokens: readonly JsToken[], open: number): boolean {
  const first = tokens[open];
  if (first?.type === 'template' && !first.spaced) {
    // `Function\`alert(1)\`\`\``: a tagged template builds the function, and the next template or call runs it.
    const after = tokens[open + 1];
    return isPunct(after, '(') || (after?.type === 'template' && !after.spaced);
  }
  if (!isPunct(first, '(')) {
    return false;
  }
  const end = closingParen(tokens, open);
  const after = tokens[end + 1];
  return end >= 0 && (isPunct(after, '(') || after?.type === 'template');
}

/** `constructor.constructor` or `constructor["constructor"]`: reaching `Function` from any object. */
function constructorChain(tokens: readonly JsToken[], k: number): boolean {
  const t = tokens[k];
  if (t?.text !== 'constructor') {
    return false;
  }
  const next = tokens[k + 2];
  return (isPunct(tokens[k + 1], '.') || isPunct(tokens[k + 1], '[')) && next !== undefined && next.text === 'constructor';
}

/** `eval(atob(…))`, `setTimeout('al'+'ert(1)')`, `eval(String.fromCharCode(…))`, `eval('alert(1)')`. */
function decodedArgument(tokens: readonly JsToken[], from: number): boolean {
  const end = closingParen(tokens, from - 1);
  const stop = end < 0 ? Math.min(tokens.length, from + MAX_ARGUMENT_TOKENS) : end;
  let strings = 0;
  for (let j = from; j < stop; j++) {
    const t = tokens[j];
    if (!t) {
      break;
    }
    if (t.type === 'ident' && DECODERS.has(t.text)) {
      return true;
    }
    if (t.type === 'string' || t.type === 'template') {
      strings++;
      if (t.text.includes('(') || t.text.includes('`') || t.text.includes('\\x') || t.text.includes('\\u')) {
        return true;
      }
    }
    if (strings > 0 && isPunct(t, '+') && (tokens[j + 1]?.type === 'string' || tokens[j + 1]?.type === 'template')) {
      return true;
    }
  }
  return false;
}

/** `'//evil/?c=' + document.cookie`: the cookie joined onto something to send it away. */
function concatenated(tokens: readonly JsToken[], objectAt: number): boolean {
  return isPunct(tokens[objectAt - 1], '+') || isPunct(tokens[objectAt + 3], '+');
}

const MAX_FRAGMENT_TOKENS = 8;
const MAX_FRAGMENT = 64;

function fragmentOf(tokens: readonly JsToken[], at: number): string {
  let text = '';
  for (let j = at; j < tokens.length && j < at + MAX_FRAGMENT_TOKENS; j++) {
    const t = tokens[j];
    if (!t) {
      break;
    }
    text += t.type === 'string' ? `'${t.text}'` : t.type === 'template' ? `\`${t.text}\`` : t.text;
  }
  return text.slice(0, MAX_FRAGMENT);
}
