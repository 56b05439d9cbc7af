import type { Rule } from '../rule-kit.js';
import { commandStrength } from './command-words.js';
import { collapseShell, isProseBacktick, readWord, skipSpaces } from './shell-text.js';

/**
 * Command and process substitution that runs a command word: `$(id)`, `` `id` ``, `<(cat f)`, `>(tee log)`,
 * and empty or arithmetic forms used to hide words (`$()`, `$[2+2]`, `$((7))`). `$(document)` is jQuery, not shell.
 */
export const substitutionRule: Rule = {
  id: 'cmdi-003',
  kind: 'cmdi',
  severity: 'critical',
  paranoia: 1,
  find(form) {
    const text = collapseShell(form);
    for (let i = 0; i < text.length; i++) {
      const c = text.charAt(i);
      const n = text.charAt(i + 1);
      if (c === '$' && n === '[' && /[0-9\]$]/.test(text.charAt(i + 2))) {
        return text.slice(i, i + 16);
      }
      if (c === '$' && n === '(' && (text.charAt(i + 2) === ')' || text.charAt(i + 2) === '(')) {
        return text.slice(i, i + 16);
      }
      const opens = (c === '$' || c === '<' || c === '>') && n === '(' ? i + 2 : c === '`' ? i + 1 : -1;
      if (opens < 0 || (c === '`' && isProseBacktick(text, i))) {
        continue;
      }
      const at = skipSpaces(text, opens);
      const word = readWord(text, at);
      if (word !== '' && commandStrength(word) !== null && !/[A-Za-z0-9_]/.test(text.charAt(at + word.length))) {
        return text.slice(i, at + word.length + 16);
      }
    }
    return null;
  },
};
