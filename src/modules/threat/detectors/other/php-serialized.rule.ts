import type { Rule } from '../rule-kit.js';

/** A PHP serialized object (`O:8:"stdClass":1:{...}`, `C:` for custom serializers): object injection into `unserialize`. */
export const phpSerializedObjectRule: Rule = {
  id: 'other-043',
  kind: 'php',
  severity: 'critical',
  paranoia: 1,
  find(form) {
    for (let at = form.indexOf(':"'); at >= 0; at = form.indexOf(':"', at + 2)) {
      const head = form.slice(Math.max(0, at - 8), at);
      const match = /(?:^|[^A-Za-z0-9])[OC]:\+?[0-9]{1,4}$/.exec(head);
      if (match === null) {
        continue;
      }
      const length = Number(/[0-9]+$/.exec(head)?.[0] ?? '-1');
      const name = form.slice(at + 2, at + 2 + length);
      if (/^[A-Za-z_\\][A-Za-z0-9_\\]*$/.test(name) && /^":[0-9]{1,4}:\{/.test(form.slice(at + 2 + length, at + 2 + length + 8))) {
        return form.slice(at - match[0].length + 1, at + 40);
      }
    }
    return null;
  },
};
