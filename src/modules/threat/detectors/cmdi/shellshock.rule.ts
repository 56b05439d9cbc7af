import type { Rule } from '../rule-kit.js';

/** Bash function definitions smuggled in a value (Shellshock): `() { :; };` anywhere, or `() {` opening it. */
export const shellshockRule: Rule = {
  id: 'cmdi-005',
  kind: 'cmdi',
  severity: 'critical',
  paranoia: 1,
  find(form) {
    const start = form.length - form.trimStart().length;
    for (let i = form.indexOf('()'); i >= 0; i = form.indexOf('()', i + 2)) {
      let j = i + 2;
      while (form.charAt(j) === ' ' || form.charAt(j) === '\t') {
        j++;
      }
      if (form.charAt(j) !== '{') {
        continue;
      }
      if (i === start) {
        return form.slice(i, i + 16);
      }
      const body = form.slice(j + 1, j + 12).replace(/\s/g, '');
      if (body.startsWith(':;')) {
        return form.slice(i, i + 16);
      }
    }
    return null;
  },
};
