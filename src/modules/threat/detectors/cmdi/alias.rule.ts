import type { Rule } from '../rule-kit.js';
import { collapseShell } from './shell-text.js';

/** `alias [-p|+m] name=value` at the start of a statement defines a command to hide the real one behind. */
export const aliasRule: Rule = {
  id: 'cmdi-007',
  kind: 'cmdi',
  severity: 'critical',
  paranoia: 1,
  find(form) {
    const text = collapseShell(form);
    let statementStart = true;
    for (let i = 0; i < text.length; i++) {
      const c = text.charAt(i);
      if (';|&\n'.includes(c)) {
        statementStart = true;
        continue;
      }
      if (c === ' ' || c === '\t') {
        continue;
      }
      if (statementStart && text.slice(i, i + 6) === 'alias ' && definesAlias(text, i + 6)) {
        return text.slice(i, i + 32);
      }
      statementStart = false;
    }
    return null;
  },
};

function definesAlias(text: string, at: number): boolean {
  let i = at;
  const limit = Math.min(text.length, at + 64);
  while (i < limit && (text.charAt(i) === '-' || text.charAt(i) === '+')) {
    while (i < limit && text.charAt(i) !== ' ') {
      i++;
    }
    while (i < limit && text.charAt(i) === ' ') {
      i++;
    }
  }
  const nameStart = i;
  while (i < limit && /[A-Za-z0-9_.-]/.test(text.charAt(i))) {
    i++;
  }
  return i > nameStart && text.charAt(i) === '=';
}
