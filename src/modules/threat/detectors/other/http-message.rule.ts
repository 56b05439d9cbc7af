import type { Rule } from '../rule-kit.js';

const METHODS = ['get', 'post', 'head', 'put', 'delete', 'options', 'connect', 'trace', 'track', 'patch', 'propfind', 'proppatch', 'mkcol', 'copy', 'move', 'lock', 'unlock'];

/**
 * An HTTP message inside a value: a request line (`GET /x HTTP/1.1`) or, after CR/LF, a status line (`HTTP/1.1 200`)
 * or a body opening (`\r\n\r\n<html>`). That is request smuggling or response splitting.
 */
export const httpMessageRule: Rule = {
  id: 'other-022',
  kind: 'crlf',
  severity: 'critical',
  paranoia: 1,
  find(form) {
    const lower = form.toLowerCase();
    for (let at = lower.indexOf('http/'); at >= 0; at = lower.indexOf('http/', at + 5)) {
      if (!/[0-9]/.test(lower.charAt(at + 5))) {
        continue;
      }
      const line = requestLineBefore(lower, at);
      if (line !== null || /[\r\n]$/.test(lower.slice(Math.max(0, at - 1), at))) {
        return form.slice(line ?? at, at + 10);
      }
    }
    const body = lower.search(/[\r\n]{2}<(html|meta|script|body)/);
    return body >= 0 ? form.slice(body, body + 24) : null;
  },
};

/** `METHOD SP target SP` right before `HTTP/`; returns where the method starts. */
function requestLineBefore(lower: string, at: number): number | null {
  if (lower.charAt(at - 1) !== ' ') {
    return null;
  }
  let i = at - 1;
  while (i > 0 && lower.charAt(i - 1) === ' ') {
    i--;
  }
  const targetEnd = i;
  while (i > 0 && targetEnd - i < 512 && !/\s/.test(lower.charAt(i - 1))) {
    i--;
  }
  if (i === targetEnd || lower.charAt(i - 1) !== ' ') {
    return null;
  }
  let m = i - 1;
  while (m > 0 && lower.charAt(m - 1) === ' ') {
    m--;
  }
  for (const method of METHODS) {
    if (lower.slice(Math.max(0, m - method.length), m) === method) {
      return m - method.length;
    }
  }
  return null;
}
