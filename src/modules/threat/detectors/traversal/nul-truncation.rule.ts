import type { Rule } from '../rule-kit.js';

/**
 * A NUL byte (raw or `%00`) right after a file name cuts off the extension the server appends:
 * `../../boot.ini%00`, `shell.php%00.jpg`.
 */
export const nulTruncationRule: Rule = {
  id: 'traversal-004',
  kind: 'traversal',
  severity: 'critical',
  paranoia: 1,
  find(form) {
    for (let at = nextNul(form, 0); at >= 0; at = nextNul(form, at + 1)) {
      const before = form.slice(Math.max(0, at - 24), at);
      if (/\.[A-Za-z0-9]{1,5}$/.test(before) || /\/[A-Za-z0-9_.-]+$/.test(before)) {
        return form.slice(Math.max(0, at - 24), at + 8);
      }
    }
    return null;
  },
};

function nextNul(form: string, from: number): number {
  const raw = form.indexOf('\u0000', from);
  const encoded = form.indexOf('%00', from);
  if (raw < 0) {
    return encoded;
  }
  return encoded < 0 ? raw : Math.min(raw, encoded);
}
