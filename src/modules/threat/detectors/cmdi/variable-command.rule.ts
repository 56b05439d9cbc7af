import type { Rule } from '../rule-kit.js';
import { commandStrength } from './command-words.js';

/**
 * A command assembled in variables and then run through them: `a=nc&&$a -nlvp 555`, `c=cat;b=/etc;$c $b/passwd`,
 * `c1=c;c2=at;$c1$c2 /etc/passwd`. A statement that opens with a variable assigned earlier in the same value runs it.
 */
export const variableCommandRule: Rule = {
  id: 'cmdi-015',
  kind: 'cmdi',
  severity: 'critical',
  paranoia: 1,
  find(form) {
    const assigned = new Map<string, string>();
    let statementStart = true;
    for (let i = 0; i < form.length; i++) {
      const c = form.charAt(i);
      if (';|&\n'.includes(c)) {
        statementStart = true;
        continue;
      }
      if (c === ' ' || c === '\t') {
        continue;
      }
      if (statementStart) {
        const assignment = /^([A-Za-z_][A-Za-z0-9_]{0,31})=([^\s;&|]{0,64})/.exec(form.slice(i, i + 100));
        if (assignment?.[1] !== undefined) {
          assigned.set(assignment[1], assignment[2] ?? '');
        } else if (c === '$' && runsAssigned(form.slice(i, i + 200), assigned)) {
          return form.slice(i, i + 32);
        }
      }
      statementStart = false;
    }
    return null;
  },
};

/** `$a`, `${a}` or `$c1$c2...` at a statement's start, built only from assigned variables, spelling a command or a path. */
function runsAssigned(text: string, assigned: ReadonlyMap<string, string>): boolean {
  let spelled = '';
  let i = 0;
  while (text.charAt(i) === '$') {
    const braced = text.charAt(i + 1) === '{';
    const name = /^[A-Za-z_][A-Za-z0-9_]{0,31}/.exec(text.slice(i + (braced ? 2 : 1)))?.[0];
    if (name === undefined || !assigned.has(name)) {
      return false;
    }
    spelled += assigned.get(name) ?? '';
    i += name.length + (braced ? 3 : 1);
  }
  const word = spelled.replace(/\[([A-Za-z])\]/g, '$1').replace(/\\/g, '').trim();
  return i > 0 && (commandStrength(word.split(/\s/)[0] ?? '') !== null || /^\/[a-z]/.test(word));
}
