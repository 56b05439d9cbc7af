import type { Rule } from '../rule-kit.js';
import { commandStrength, toolSyntaxFollows } from './command-words.js';
import { markdownBackticks } from './markdown-code.js';
import { collapseShell, readWord, skipSpaces } from './shell-text.js';

/**
 * `export PATH=…`, `export -p`, or `export` alone: a template literal says `` `export default function` ``. Not in
 * command-words' TOOL_SYNTAX: there a match makes any command position a command line, which `; export PATH=x`
 * needs no help with, and a miss would clear `export` where the other cmdi rules already judge it well.
 */
const EXPORT_SYNTAX = /^(?:\s+(?:-[pnf]\b|[A-Za-z_][A-Za-z0-9_]*=)|\s*(?:$|[;&|`)]))/;

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
    const markdown = markdownBackticks(text);
    for (let i = 0; i < text.length; i++) {
      const c = text.charAt(i);
      const n = text.charAt(i + 1);
      if (c === '$' && n === '[' && /[0-9\]$]/.test(text.charAt(i + 2))) {
        return text.slice(i, i + 16);
      }
      if (c === '$' && n === '(' && (text.charAt(i + 2) === ')' || text.charAt(i + 2) === '(')) {
        return text.slice(i, i + 16);
      }
      // `<(` and `>(` substitute only as words of their own: `Type<T>(type: T)` is a generic call.
      const processSubstitution = (c === '<' || c === '>') && (i === 0 || /[\s;|&(]/.test(text.charAt(i - 1)));
      const opens = (c === '$' || processSubstitution) && n === '(' ? i + 2 : c === '`' ? i + 1 : -1;
      if (opens < 0 || (c === '`' && markdown.has(i))) {
        continue;
      }
      const at = skipSpaces(text, opens);
      const word = readWord(text, at);
      const strength = commandStrength(word);
      // Shells are case-sensitive (`Source` is no command) and a word glued to `(` is no command line either.
      const cased = strength === 'distinctive' || word === word.toLowerCase();
      const syntax = word === 'export' ? EXPORT_SYNTAX.test(text.slice(at + word.length, at + word.length + 48)) : toolSyntaxFollows(word, text, at + word.length);
      if (word !== '' && strength !== null && cased && !/[A-Za-z0-9_(]/.test(text.charAt(at + word.length)) && syntax !== false) {
        return text.slice(i, at + word.length + 16);
      }
    }
    return null;
  },
};
