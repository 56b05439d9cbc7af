import type { Rule } from '../rule-kit.js';
import { commandStrength } from './command-words.js';

const ESCAPE_AFTER = /^([^'\\]{0,12})\\(?:x[0-9A-Fa-f]{1,2}|[0-7]{3}|u[0-9A-Fa-f]{4})/;

/**
 * Bash ANSI-C quoting with escapes (`$'\x63\x61\x74'`, `$'\143at'`): spells a command with no letter of it visible,
 * or a command line with no space (`$'uname\x20-a'`). Only shells read `$'...'`, and only obfuscation needs byte
 * escapes inside it.
 */
export const ansiCQuoteRule: Rule = {
  id: 'cmdi-012',
  kind: 'cmdi',
  severity: 'critical',
  paranoia: 1,
  find(form) {
    for (let at = form.indexOf("$'"); at >= 0; at = form.indexOf("$'", at + 2)) {
      const before = ESCAPE_AFTER.exec(form.slice(at + 2, at + 20))?.[1];
      if (before !== undefined && (before.length <= 4 || commandStrength(before) !== null)) {
        return form.slice(at, at + 24);
      }
    }
    return null;
  },
};
