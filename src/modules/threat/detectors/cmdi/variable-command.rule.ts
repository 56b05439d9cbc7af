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
      if (';|&\n\r'.includes(c)) {
        statementStart = true;
        continue;
      }
      if (c === ' ' || c === '\t') {
        continue;
      }
      if (statementStart) {
        const name = /^([A-Za-z_][A-Za-z0-9_]{0,31})=/.exec(form.slice(i, i + 34))?.[1];
        if (name !== undefined) {
          assigned.set(name, assignedWord(form, i + name.length + 1));
        } else if (c === '$' && runsAssigned(form.slice(i, i + 200), assigned)) {
          return form.slice(i, i + 32);
        }
      }
      statementStart = false;
    }
    return null;
  },
};

/**
 * The shell word assigned at `at`, quotes removed, at most 64 characters: `c=id`, `CMD='id'`, `CMD="cat /etc/passwd"`,
 * ANSI-C quoting `CMD=$'id'` (its escapes are kept as written) and locale quoting `CMD=$"id"`.
 */
function assignedWord(form: string, at: number): string {
  let word = '';
  let i = at;
  while (i < form.length && i - at < 64) {
    const c = form.charAt(i);
    const next = form.charAt(i + 1);
    const quote = c === '$' && (next === "'" || next === '"') ? next : c === "'" || c === '"' ? c : '';
    if (quote !== '') {
      const open = c === '$' ? i + 2 : i + 1;
      const close = form.indexOf(quote, open);
      const end = close < 0 || close - at > 64 ? Math.min(form.length, at + 64) : close;
      word += form.slice(open, end);
      i = end + 1;
    } else if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === ';' || c === '&' || c === '|') {
      break;
    } else {
      word += c;
      i++;
    }
  }
  return word;
}

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
