import type { Rule } from '../rule-kit.js';

/** Headers that change what a response does: splitting one of these in is the attack, not an accident. */
const STRONG_HEADERS = new Set([
  'content-type', 'content-length', 'content-disposition', 'content-security-policy', 'set-cookie', 'transfer-encoding',
  'location', 'refresh', 'remote-addr', 'x-forwarded-for', 'x-forwarded-host', 'x-real-ip', 'x-original-url',
  'x-rewrite-url', 'access-control-allow-origin', 'access-control-allow-credentials', 'x-xss-protection', 'host',
]);

/**
 * CR or LF followed by a header line. Critical for response-changing headers, and for any header after a lone CR
 * (browsers send CRLF, never CR alone). Other names after CRLF (`Name: John` in a textarea) are `other-021`.
 */
export const headerInjectionRule: Rule = {
  id: 'other-020',
  kind: 'crlf',
  severity: 'critical',
  paranoia: 1,
  find(form) {
    return findHeader(form, (name, loneCr, value) => loneCr || (STRONG_HEADERS.has(name) && headerValueFits(name, value)));
  },
};

export const anyHeaderRule: Rule = {
  id: 'other-021',
  kind: 'crlf',
  severity: 'notice',
  paranoia: 3,
  find(form) {
    return findHeader(form, () => true);
  },
};

/** Headers whose names are also prose labels (`Location: Paris`) count only with a URL or host as the value. */
const URL_HEADERS = new Set(['location', 'refresh', 'host']);

function headerValueFits(name: string, value: string): boolean {
  if (URL_HEADERS.has(name)) {
    return /^(https?:|\/|[0-9]+;|[a-z0-9-]+\.[a-z])/i.test(value);
  }
  return /[A-Za-z0-9/*]/.test(value);
}

function findHeader(form: string, accept: (name: string, loneCr: boolean, value: string) => boolean): string | null {
  for (let i = 0; i < form.length; i++) {
    const c = form.charAt(i);
    if (c !== '\r' && c !== '\n') {
      continue;
    }
    let j = i;
    while (j < form.length && (form.charAt(j) === '\r' || form.charAt(j) === '\n')) {
      j++;
    }
    const loneCr = form.slice(i, j) === '\r';
    const nameStart = j;
    while (j < form.length && j - nameStart < 40 && /[A-Za-z0-9-]/.test(form.charAt(j))) {
      j++;
    }
    const name = form.slice(nameStart, j).toLowerCase();
    while (j < form.length && (form.charAt(j) === '\r' || form.charAt(j) === ' ' || form.charAt(j) === '\t')) {
      j++;
    }
    if (name.length > 1 && /^[a-z]/.test(name) && form.charAt(j) === ':') {
      const value = form.slice(j + 1, j + 40).trimStart();
      if (accept(name, loneCr, value)) {
        return form.slice(i, j + 24);
      }
    }
    i = Math.max(i, nameStart - 1);
  }
  return null;
}
