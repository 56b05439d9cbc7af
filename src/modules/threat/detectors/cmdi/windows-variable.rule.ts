import type { Rule } from '../rule-kit.js';

/**
 * cmd.exe variable tricks: substrings that pick single letters out of a variable (`%COMSPEC:~-16,1%`,
 * `%PROGRAMFILES:~10,-5%`) to spell a command, and `%COMSPEC%`, which names the shell itself.
 */
export const windowsVariableRule: Rule = {
  id: 'cmdi-016',
  kind: 'cmdi',
  severity: 'critical',
  paranoia: 1,
  find(form) {
    for (let at = form.indexOf('%'); at >= 0; at = form.indexOf('%', at + 1)) {
      const rest = form.slice(at + 1, at + 40);
      if (/^[A-Za-z_][A-Za-z0-9_()]{0,30}:~-?[0-9]{1,4}(?:,-?[0-9]{1,4})?%/.test(rest) || /^comspec%/i.test(rest)) {
        return form.slice(at, at + 24);
      }
    }
    return null;
  },
};
