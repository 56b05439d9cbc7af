import type { Rule } from '../rule-kit.js';

/** A whole value that is only a tilde or history expansion (`~+`, `~-1`, `!-1!-2`): shell syntax, never prose. */
export const expansionShorthandRule: Rule = {
  id: 'cmdi-011',
  kind: 'cmdi',
  severity: 'critical',
  paranoia: 1,
  find(form) {
    const value = form.trim();
    if (value.length > 16) {
      return null;
    }
    return /^~[+-][0-9]*$/.test(value) || /^(?:!-?[0-9]{1,3}){1,4}$/.test(value) ? value : null;
  },
};
