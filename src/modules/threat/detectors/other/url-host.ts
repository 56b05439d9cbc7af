export interface UrlTarget {
  scheme: string | null;
  host: string;
  /** The value carried more than a host: a path, a port or a scheme. */
  qualified: boolean;
}

/** Schemes that talk raw protocols to internal services through a URL fetcher. */
export const SMUGGLING_SCHEMES: ReadonlySet<string> = new Set(['gopher', 'dict', 'tftp', 'ldap', 'jar', 'netdoc', 'expect']);

/** A URL with one of those schemes and a host. */
const SMUGGLING_URL = new RegExp(`^(?:${[...SMUGGLING_SCHEMES].join('|')}):\\/\\/[^\\s/]`, 'i');

let lastValue: string | null = null;
let lastTarget: UrlTarget | null = null;

/**
 * Reads the host of a value that is a URL (`http://x/`, `http:127.0.0.1`) or a bare host (`localhost/`,
 * `127.0.0.1:8080`). Values with spaces are prose, not URLs (null), but for a smuggling URL's raw protocol lines.
 */
export function urlTarget(value: string): UrlTarget | null {
  // The SSRF screens and rules read the same form in turn; callers never modify the target.
  if (value !== lastValue) {
    lastTarget = readUrlTarget(value);
    lastValue = value;
  }
  return lastTarget;
}

function readUrlTarget(value: string): UrlTarget | null {
  // Ideographic full stops stand for dots in hosts (IDNA maps them), so `169。254。169。254` is the metadata address.
  const trimmed = value.trim();
  const stopsFolded = hasIdeographicStop(trimmed) ? trimmed.replace(/[\u3002\uff0e\uff61]/g, '.') : trimmed;
  const blank = stopsFolded.search(/\s/);
  // `gopher://127.0.0.1:6379/_config set dir /tmp`: a smuggling URL carries a raw protocol's lines, spaces and all,
  // after its host. Any other value with a space is prose.
  const text = blank >= 0 && SMUGGLING_URL.test(stopsFolded) ? stopsFolded.slice(0, blank) : stopsFolded;
  if (text === '' || text.length > 2048 || (blank >= 0 && text === stopsFolded)) {
    return null;
  }
  const schemeMatch = /^([a-z][a-z0-9+.-]{0,15}):/i.exec(text);
  let rest = text;
  let scheme: string | null = null;
  if (schemeMatch?.[1] !== undefined && (/^(?:https?|ftp|gopher|dict|file|ldap|tftp):/i.test(text) || !/^[0-9]+$/.test(text.slice(schemeMatch[0].length, schemeMatch[0].length + 5).replace(/\/.*$/, '')))) {
    scheme = schemeMatch[1].toLowerCase();
    rest = text.slice(schemeMatch[0].length).replace(/^[/\\]+/, '');
  }
  let end = 0;
  while (end < rest.length && !endsAuthority(rest.charCodeAt(end))) {
    end++;
  }
  // `10.0.0.0/8` or `169.254.169.254/32` is CIDR notation (a block list, a firewall rule), not something to fetch.
  if (scheme === null && rest.charCodeAt(end) === 0x2f && /^\/[0-9]{1,3}$/.test(rest.slice(end))) {
    return null;
  }
  let authority = rest.slice(0, end);
  const at = authority.lastIndexOf('@');
  if (at >= 0) {
    authority = authority.slice(at + 1);
  }
  // A trailing dot (`metadata.google.internal.`) names the same host as an absolute DNS name.
  const named = stripPort(authority).toLowerCase();
  const host = named.endsWith('.') ? named.slice(0, -1) : named;
  return host === '' ? null : { scheme, host, qualified: scheme !== null || end < rest.length || host !== authority.toLowerCase() };
}

/** `/`, `?`, `#` and a backslash end an authority. */
function endsAuthority(code: number): boolean {
  return code === 0x2f || code === 0x3f || code === 0x23 || code === 0x5c;
}

/** Whether `text` holds an ideographic or fullwidth full stop, which hosts read as a dot. */
function hasIdeographicStop(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x3002 || code === 0xff0e || code === 0xff61) {
      return true;
    }
  }
  return false;
}

function stripPort(authority: string): string {
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']');
    return close < 0 ? authority : authority.slice(0, close + 1);
  }
  const colon = authority.lastIndexOf(':');
  return colon >= 0 && /^[0-9]*$/.test(authority.slice(colon + 1)) && authority.indexOf(':') === colon ? authority.slice(0, colon) : authority;
}

/**
 * The host a looser parser reads when `#`, `?` or `\\` comes before an `@` in the authority
 * (`http://evil.com#@169.254.169.254/`): WHATWG stops at `#`, older libraries take what follows the `@`.
 */
export function confusedHost(value: string): string | null {
  const text = value.trim();
  const scheme = /^[a-z][a-z0-9+.-]{0,15}:\/\//i.exec(text);
  if (scheme === null) {
    return null;
  }
  const rest = text.slice(scheme[0].length, scheme[0].length + 512);
  const slash = rest.indexOf('/');
  const authority = slash < 0 ? rest : rest.slice(0, slash);
  const at = authority.lastIndexOf('@');
  if (at < 0 || !/[#?\\]/.test(authority.slice(0, at))) {
    return null;
  }
  const host = stripPort(authority.slice(at + 1)).toLowerCase().replace(/\.$/, '');
  return host === '' ? null : host;
}
