export interface UrlTarget {
  scheme: string | null;
  host: string;
  /** The value carried more than a host: a path, a port or a scheme. */
  qualified: boolean;
}

/**
 * Reads the host of a value that is a URL (`http://x/`, `http:127.0.0.1`) or a bare host (`localhost/`,
 * `127.0.0.1:8080`). Values with spaces are prose, not URLs: null.
 */
export function urlTarget(value: string): UrlTarget | null {
  const text = value.trim();
  if (text === '' || text.length > 2048 || /\s/.test(text)) {
    return null;
  }
  const schemeMatch = /^([a-z][a-z0-9+.-]{0,15}):/i.exec(text);
  let rest = text;
  let scheme: string | null = null;
  if (schemeMatch?.[1] !== undefined && !/^[0-9]+$/.test(text.slice(schemeMatch[0].length, schemeMatch[0].length + 5).replace(/\/.*$/, ''))) {
    scheme = schemeMatch[1].toLowerCase();
    rest = text.slice(schemeMatch[0].length).replace(/^[/\\]+/, '');
  }
  let end = 0;
  while (end < rest.length && !'/?#\\'.includes(rest.charAt(end))) {
    end++;
  }
  let authority = rest.slice(0, end);
  const at = authority.lastIndexOf('@');
  if (at >= 0) {
    authority = authority.slice(at + 1);
  }
  const host = stripPort(authority).toLowerCase();
  return host === '' ? null : { scheme, host, qualified: scheme !== null || end < rest.length || host !== authority.toLowerCase() };
}

function stripPort(authority: string): string {
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']');
    return close < 0 ? authority : authority.slice(0, close + 1);
  }
  const colon = authority.lastIndexOf(':');
  return colon >= 0 && /^[0-9]*$/.test(authority.slice(colon + 1)) && authority.indexOf(':') === colon ? authority.slice(0, colon) : authority;
}
