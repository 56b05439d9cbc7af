import type { Rule } from '../rule-kit.js';
import { parseIpv4 } from './ip-address.js';
import { urlTarget } from './url-host.js';

const FETCH_SCHEMES = new Set(['http', 'https', 'ftp', 'ftps']);

/** Extensions of files an include would run or read as code. */
const CODE_FILE = /\.(?:php[0-9s]?|phtml|inc|txt|jsp|asp|aspx|pl|py|sh|cgi|gif|jpg|png)$/i;

/**
 * Remote file inclusion: a URL to a code file whose tail is cut off so the application's own suffix is ignored
 * (`http://evil/shell.txt?`, `http://evil/shell.txt%00`).
 */
export const remoteIncludeRule: Rule = {
  id: 'other-032',
  kind: 'ssrf',
  severity: 'critical',
  paranoia: 1,
  find(form) {
    const value = form.trim();
    const target = urlTarget(value);
    if (target?.scheme === null || target === null || !FETCH_SCHEMES.has(target.scheme)) {
      return null;
    }
    const cut = value.endsWith('?') ? 1 : value.endsWith('\u0000') ? 1 : value.toLowerCase().endsWith('%00') ? 3 : 0;
    const path = value.slice(0, value.length - cut);
    return cut > 0 && CODE_FILE.test(path.slice(-12)) ? value.slice(-48) : null;
  },
};

/** URLs that include from a raw IP address, or end in an empty query: how inclusion payloads look, and some links. */
export const remoteIncludeHintRule: Rule = {
  id: 'other-033',
  kind: 'ssrf',
  severity: 'warning',
  paranoia: 2,
  find(form) {
    const value = form.trim();
    const target = urlTarget(value);
    if (target?.scheme === null || target === null || !FETCH_SCHEMES.has(target.scheme)) {
      return null;
    }
    return value.endsWith('?') || parseIpv4(target.host) !== null || target.host.startsWith('[') ? value.slice(0, 48) : null;
  },
};
