export const JSON_TOO_DEEP_MESSAGE = 'The JSON body is nested deeper than';

/** Nesting a JSON request body may have; far beyond any API body, far below what recursion downstream survives. */
export const MAX_JSON_DEPTH = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACKET = 0x5d;
const CLOSE_BRACE = 0x7d;

/**
 * Refuses (400) a JSON body nested deeper than MAX_JSON_DEPTH before it is parsed. A few kilobytes of `[[[[…` would
 * otherwise overflow the stack in code that recurses per level (class-transformer, the validator), which surfaced as
 * a 500 or a "Maximum call stack size exceeded" detail. One pass over the bytes: brackets inside strings do not
 * count, and UTF-8 never uses these ASCII bytes inside a multi-byte character.
 */
export function rejectDeepJson(_request: unknown, _response: unknown, body: Buffer): void {
  let depth = 0;
  let inString = false;
  // Plain comparisons, not a Set or indexOf: API bodies are mostly short strings, where a byte loop is fastest.
  for (let index = 0; index < body.length; index++) {
    const byte = body[index]!;
    if (inString) {
      if (byte === BACKSLASH) {
        index++;
      } else if (byte === QUOTE) {
        inString = false;
      }
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_BRACKET || byte === OPEN_BRACE) {
      depth++;
      if (depth > MAX_JSON_DEPTH) {
        throw Object.assign(new SyntaxError(`${JSON_TOO_DEEP_MESSAGE} ${MAX_JSON_DEPTH} levels.`), { status: 400 });
      }
    } else if (byte === CLOSE_BRACKET || byte === CLOSE_BRACE) {
      depth--;
    }
  }
}
