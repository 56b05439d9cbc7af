import { isPunct, type JsToken } from './js-lexer.js';
import { GLOBAL_OBJECTS } from './js-names.js';

/** Objects whose members a `with` block makes bare names: `with(location)` turns `hash` and `substring` into its own. */
const SCOPE_OBJECTS: ReadonlySet<string> = new Set([...GLOBAL_OBJECTS, 'location']);
/** Most pieces a name is spelled from: keeps the scan bounded. */
const MAX_PIECES = 8;

/**
 * `with(location)`: a `with` statement over a global object or `location` at `k`. Strict code forbids `with`, and
 * under one `eval(substring(1))` runs the URL's own fragment, so what a sink then reads is the page's address.
 */
export function opensGlobalScope(tokens: readonly JsToken[], k: number): boolean {
  const object = tokens[k + 2];
  return (
    tokens[k]?.text === 'with' &&
    isPunct(tokens[k + 1], '(') &&
    object?.type === 'ident' &&
    SCOPE_OBJECTS.has(object.text) &&
    isPunct(tokens[k + 3], ')')
  );
}

/**
 * `/ev/.source+/al/.source`: the sources of regular expression literals joined by `+`, from the `/` at `from`, as one
 * name ('' when none starts there). The lexer does not tell a regex from division, so a literal reads `/`, a word,
 * `/`, `.source`; spelling a sink's name this way is only ever done to hide it.
 */
export function regexSourceName(tokens: readonly JsToken[], from: number): string {
  let name = '';
  let j = from;
  for (let pieces = 0; pieces < MAX_PIECES; pieces++) {
    const word = tokens[j + 1];
    if (!isPunct(tokens[j], '/') || word?.type !== 'ident' || !isPunct(tokens[j + 2], '/') || !isPunct(tokens[j + 3], '.') || tokens[j + 4]?.text !== 'source') {
      break;
    }
    name += word.text;
    if (!isPunct(tokens[j + 5], '+')) {
      break;
    }
    j += 6;
  }
  return name;
}
