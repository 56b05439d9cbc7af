import type { Rule } from '../rule-kit.js';

/** Perl's `@{[ code ]}` runs code inside an interpolated string; nothing else writes `@{[`. */
export const perlInterpolationRule: Rule = {
  id: 'other-013',
  kind: 'ssti',
  severity: 'critical',
  paranoia: 1,
  find(form) {
    for (let at = form.indexOf('@'); at >= 0; at = form.indexOf('@', at + 1)) {
      let i = at + 1;
      while (i < form.length && i - at < 16 && /\s/.test(form.charAt(i))) {
        i++;
      }
      if (form.charAt(i) !== '{') {
        continue;
      }
      i++;
      while (i < form.length && i - at < 32 && /\s/.test(form.charAt(i))) {
        i++;
      }
      if (form.charAt(i) === '[') {
        return form.slice(at, at + 32);
      }
    }
    return null;
  },
};
