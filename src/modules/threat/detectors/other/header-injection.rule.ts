import { skipBlanks } from '../blanks.js';
import type { Rule } from '../rule-kit.js';

/** Headers that change what a response does: splitting one of these in is the attack, not an accident. */
const STRONG_HEADERS = new Set([
  'content-type', 'content-length', 'content-disposition', 'content-security-policy', 'set-cookie', 'transfer-encoding',
  'location', 'refresh', 'remote-addr', 'x-forwarded-for', 'x-forwarded-host', 'x-real-ip', 'x-original-url',
  'x-rewrite-url', 'access-control-allow-origin', 'access-control-allow-credentials', 'x-xss-protection', 'host',
]);
/**
 * Request headers split into a request the application sends on (`%0d%0aReferer: https://…`); only when the value opens
 * with the line break, as for custom headers: bug reports paste whole requests after some text.
 */
const FORWARDED_HEADERS = new Set(['referer', 'origin']);

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
    return findHeader(
      form,
      (name, loneCr, value, opensValue) => loneCr || ((STRONG_HEADERS.has(name) || (opensValue && (isCustomHeader(name) || FORWARDED_HEADERS.has(name)))) && headerValueFits(name, value)),
    );
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

/**
 * `X-Injected-Header`: an `X-` name of three parts or more is a header, not a prose label like `X-ray:`. Only when the
 * value opens with the line break: documentation quotes such headers after some text.
 */
function isCustomHeader(name: string): boolean {
  return name.startsWith('x-') && name.split('-').length >= 3;
}

/** Headers whose names are also prose labels (`Location: Paris`) count only with a URL or host as the value. */
const URL_HEADERS = new Set(['location', 'refresh', 'host', 'referer', 'origin']);

function headerValueFits(name: string, value: string): boolean {
  if (URL_HEADERS.has(name)) {
    return /^(https?:|\/|[0-9]+;|[a-z0-9-]+\.[a-z])/i.test(value);
  }
  return /[A-Za-z0-9/*]/.test(value);
}

function findHeader(form: string, accept: (name: string, loneCr: boolean, value: string, opensValue: boolean) => boolean): string | null {
  const firstContent = form.search(/[^\s\u560a\u560d]/);
  for (let i = 0; i < form.length; i++) {
    if (!isLineBreak(form.charAt(i))) {
      continue;
    }
    let j = i;
    while (j < form.length && isLineBreak(form.charAt(j))) {
      j++;
    }
    const breaks = form.slice(i, j);
    const loneCr = breaks === '\r' || /[\u560a\u560d]/.test(breaks);
    // A space or tab before the name (`%0d%0a%20Set-Cookie:`) folds the line for the server that checks it and not
    // for every one after it; a response-changing header there is still split in.
    const indent = j;
    j = skipBlanks(form, j);
    const folded = j > indent;
    const nameStart = j;
    while (j < form.length && j - nameStart < 40 && /[A-Za-z0-9-]/.test(form.charAt(j))) {
      j++;
    }
    const name = form.slice(nameStart, j).toLowerCase();
    while (j < form.length && (form.charAt(j) === '\r' || form.charAt(j) === ' ' || form.charAt(j) === '\t')) {
      j++;
    }
    // `Name::member` is a scope in PHP, C++, Ruby or Perl (`\\DrSlump\\Protobuf::TYPE` decodes `\\D` as a CSS escape for CR).
    if (name.length > 1 && /^[a-z]/.test(name) && form.charAt(j) === ':' && form.charAt(j + 1) !== ':') {
      const value = form.slice(j + 1, j + 40).trimStart();
      if ((!folded || STRONG_HEADERS.has(name) || FORWARDED_HEADERS.has(name)) && accept(name, loneCr, value, firstContent < 0 || i <= firstContent)) {
        return form.slice(i, j + 24);
      }
    }
    i = Math.max(i, nameStart - 1);
  }
  return null;
}

/**
 * CR, LF, and U+560A/U+560D (`嘊嘍`), which HTTP libraries that keep only a character's low byte write as LF and CR.
 * No browser sends those two in place of a line break, so they count as the lone-CR case.
 */
function isLineBreak(c: string): boolean {
  return c === '\r' || c === '\n' || c === '\u560a' || c === '\u560d';
}
