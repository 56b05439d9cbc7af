import { isHidingSpace } from '../../../normalize/hiding-space.util.js';

export interface UrlScheme {
  /** Lower-cased scheme with the whitespace and control characters browsers ignore inside it removed. */
  scheme: string;
  /** Everything after the colon. */
  rest: string;
}

const MAX_SCHEME = 24;

/** Schemes whose URL runs script in the page's origin. */
export const SCRIPT_SCHEMES: ReadonlySet<string> = new Set(['javascript', 'vbscript', 'livescript', 'mocha', 'jscript']);

/** Media types a `data:` URL renders as an active document or script. */
const ACTIVE_DATA_TYPES: ReadonlySet<string> = new Set([
  'text/html',
  'image/svg+xml',
  'application/xhtml+xml',
  'text/xml',
  'application/xml',
  'text/javascript',
  'application/javascript',
  'application/x-javascript',
  'application/ecmascript',
  'text/ecmascript',
  'text/vbscript',
  'text/x-scriptlet',
]);

/**
 * The URL scheme of `value` as a browser resolves it: leading spaces and control characters dropped, tabs,
 * newlines and other controls inside the scheme ignored (`java\tscript:`, `jav&#x0A;ascript:` once decoded), and so are
 * the JavaScript string escapes that spell them.
 */
export function urlScheme(value: string): UrlScheme | null {
  if (!value.includes(':')) {
    return null;
  }
  let scheme = '';
  let escaped = false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charAt(i);
    const code = c.charCodeAt(0);
    if (code <= 0x20 || isHidingSpace(code) || code === 0xad || code === 0xfffd) {
      continue;
    }
    // In a JavaScript string `\t`, `\n` and `\r` are characters ignored here, and a backslash before any other
    // character only stands for that character (`'java\tscript:'`, `'\j\av\a\s\cr\i\pt:'`). Only a script scheme
    // is worth escaping: `c\d:x` is a path.
    if (c === '\\') {
      i += 'tnr'.includes(value.charAt(i + 1)) ? 1 : 0;
      escaped = true;
      continue;
    }
    if (c === ':') {
      return scheme === '' || (escaped && !SCRIPT_SCHEMES.has(scheme)) ? null : { scheme, rest: value.slice(i + 1) };
    }
    const lower = c.toLowerCase();
    if (!((lower >= 'a' && lower <= 'z') || (scheme !== '' && ((lower >= '0' && lower <= '9') || c === '+' || c === '-' || c === '.')))) {
      return null;
    }
    scheme += lower;
    if (scheme.length > MAX_SCHEME) {
      return null;
    }
  }
  return null;
}

/** How much of a base64 body is decoded to look for markup. */
const MAX_BASE64_PEEK = 256;

/**
 * True when a `data:` URL's body is an active document: an active media type (SVG in any spelling, `image/svg xml`
 * after form decoding included), or markup in the body, plain or base64, whatever type it claims.
 */
export function isActiveData(rest: string, anyDataIsActive: boolean): boolean {
  const comma = rest.indexOf(',');
  const header = (comma < 0 ? rest : rest.slice(0, comma)).toLowerCase().replace(/\s/g, '');
  const mediaType = header.split(';')[0] ?? '';
  if (ACTIVE_DATA_TYPES.has(mediaType) || mediaType.startsWith('image/svg')) {
    return true;
  }
  if (PASSIVE_PREFIXES.some((prefix) => mediaType.startsWith(prefix))) {
    return false;
  }
  if (anyDataIsActive) {
    return true;
  }
  if (comma < 0) {
    return false;
  }
  const body = rest.slice(comma + 1, comma + 1 + MAX_BASE64_PEEK);
  // Binary bodies hold `<a` by chance; a markup document starts with its first tag.
  return header.endsWith('base64') ? holdsMarkup(decodeBase64(body).trimStart().slice(0, 2)) : holdsMarkup(body);
}

/** Media a browser renders passively, whatever the body holds. */
const PASSIVE_PREFIXES: readonly string[] = ['image/', 'audio/', 'video/', 'font/'];

function decodeBase64(body: string): string {
  const clean = body.replace(/[^A-Za-z0-9+/]/g, '');
  return Buffer.from(clean.slice(0, clean.length - (clean.length % 4)), 'base64').toString('latin1');
}

/** `<` followed by a letter: an element the document would create. */
function holdsMarkup(text: string): boolean {
  for (let i = text.indexOf('<'); i >= 0 && i < text.length - 1; i = text.indexOf('<', i + 1)) {
    const c = text.charAt(i + 1).toLowerCase();
    if (c >= 'a' && c <= 'z') {
      return true;
    }
  }
  return false;
}
