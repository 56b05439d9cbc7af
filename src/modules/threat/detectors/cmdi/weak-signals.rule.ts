import type { Rule } from '../rule-kit.js';
import { commandStrength, toolSyntaxFollows } from './command-words.js';
import { collapseShell, isLineBreakAt, readWord, skipSpaces } from './shell-text.js';

/** Any command word after a separator, without the context paranoia 1 asks for (`; set the table`). */
export const looseSeparatorRule: Rule = {
  id: 'cmdi-020',
  kind: 'cmdi',
  severity: 'error',
  paranoia: 2,
  find(form) {
    const text = collapseShell(form);
    for (let i = 0; i < text.length; i++) {
      if (!(';|&`'.includes(text.charAt(i)) || isLineBreakAt(text, i))) {
        continue;
      }
      const at = skipSpaces(text, i + 1);
      const word = readWord(text, at);
      if (word !== '' && commandStrength(word) !== null && toolSyntaxFollows(word, text, at + word.length) !== false) {
        return text.slice(i, at + word.length + 16);
      }
    }
    return null;
  },
};

const METACHARACTERS = ['$(', '${', '&&', '||', '`', '$IFS'];

/** Shell metacharacter sequences on their own: common in code, so only the strictest levels count them. */
export const shellMetacharacterRule: Rule = {
  id: 'cmdi-021',
  kind: 'cmdi',
  severity: 'notice',
  paranoia: 3,
  find(form) {
    for (const marker of METACHARACTERS) {
      const at = form.indexOf(marker);
      if (at >= 0) {
        return form.slice(at, at + 24);
      }
    }
    return null;
  },
};
