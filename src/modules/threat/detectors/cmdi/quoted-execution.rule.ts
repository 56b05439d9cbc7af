import { isIdentifierCode } from '../code-units.js';
import type { Rule } from '../rule-kit.js';
import { commandStrength } from './command-words.js';
import { readWord } from './shell-text.js';

/** The openers of Ruby's `%x` and Perl's `qx`, which run what they quote through the shell as backticks do. */
export const QUOTED_EXECUTION_OPENERS = ['%x', 'qx'];
/** Delimiters both languages take after the opener (any punctuation does; these are the ones used). */
const DELIMITERS = '({[<|/!';

/**
 * Quoted execution: Ruby's `%x(ls -al /)` and Perl's `` qx{id} ``, each the backticks of its language, opened on a
 * command word (quoted or not: `%x('ls -al /')`). A printf format `%x(hex)` quotes no command.
 */
export const quotedExecutionRule: Rule = {
  id: 'cmdi-017',
  kind: 'cmdi',
  severity: 'critical',
  paranoia: 1,
  find(form) {
    for (const opener of QUOTED_EXECUTION_OPENERS) {
      for (let at = form.indexOf(opener); at !== -1; at = form.indexOf(opener, at + 2)) {
        if ((opener === 'qx' && at > 0 && isIdentifierCode(form.charCodeAt(at - 1))) || !DELIMITERS.includes(form.charAt(at + 2)) || form.charAt(at + 2) === '') {
          continue;
        }
        let start = at + 3;
        while (form.charAt(start) === ' ' || form.charAt(start) === "'" || form.charAt(start) === '"') {
          start++;
        }
        const word = readWord(form, start);
        if (word !== '' && word === word.toLowerCase() && commandStrength(word) !== null && !isIdentifierCode(form.charCodeAt(start + word.length))) {
          return form.slice(at, start + word.length + 16);
        }
      }
    }
    return null;
  },
};
