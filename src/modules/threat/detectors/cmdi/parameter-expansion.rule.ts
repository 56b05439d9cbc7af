import type { Rule } from '../rule-kit.js';
import { commandStrength } from './command-words.js';

/**
 * Shell-only parameter expansion: `${x#...}`, `${PATH%...}`, `${x:-...}`, substrings (`${PATH:0:1}`), `${!x}`, `${#x}`, `${:...}`, and `${`
 * wrapping a substitution, and `$IFS` glued inside a command line. A bare `${name}` is also a JavaScript template, so it
 * does not count.
 */
export const parameterExpansionRule: Rule = {
  id: 'cmdi-004',
  kind: 'cmdi',
  severity: 'critical',
  paranoia: 1,
  find(form) {
    for (let i = form.indexOf('${'); i >= 0; i = form.indexOf('${', i + 2)) {
      let j = i + 2;
      const first = form.charAt(j);
      const indirect = first === '!' && /^![A-Za-z_][A-Za-z0-9_]{0,31}(?:\}|\[[@*]\]|[@*])/.test(form.slice(j, j + 40));
      if (first === ':' || (first === '`' && /[A-Za-z]/.test(form.charAt(j + 1))) || indirect || (first === '#' && /[A-Za-z_]/.test(form.charAt(j + 1))) || form.startsWith('$(', j)) {
        return form.slice(i, i + 24);
      }
      while (j < form.length && /[A-Za-z0-9_]/.test(form.charAt(j))) {
        j++;
      }
      if (j === i + 2) {
        continue;
      }
      if (form.charAt(j) === '}' && commandStrength(form.slice(i + 2, j)) === 'distinctive') {
        return form.slice(i, j + 1);
      }
      const op = form.charAt(j);
      const op2 = form.charAt(j + 1);
      if (op === '#' || op === '%' || (op === ':' && (op2 === '-' || op2 === '=' || op2 === '+' || op2 === '?' || /[0-9]/.test(op2))) || form.slice(i + 2, j).toUpperCase() === 'IFS') {
        return form.slice(i, i + 24);
      }
    }
    return gluedFieldSeparator(form);
  },
};

/**
 * `sleep$IFS$925`, `cat$IFS/etc/passwd`: the field separator glued between a word and its argument stands for a space
 * only in a shell; prose and scripts write `$IFS` apart (`set $IFS`, `"$IFS"`).
 */
function gluedFieldSeparator(form: string): string | null {
  for (let i = form.indexOf('$IFS'); i > 0; i = form.indexOf('$IFS', i + 4)) {
    const after = form.charAt(i + 4);
    if (/[A-Za-z0-9]/.test(form.charAt(i - 1)) && (after === '$' || after === '/' || after === '-' || /[A-Za-z0-9.]/.test(after))) {
      return form.slice(i - 1, i + 24);
    }
  }
  return null;
}
