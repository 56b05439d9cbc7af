import type { Rule } from '../rule-kit.js';
import { canonicalCommand, commandStrength } from './command-words.js';
import { collapseShell } from './shell-text.js';

/**
 * Brace expansion that spells a command without spaces: `{cat,/etc/passwd}`, `{,ifconfig}`, `c{a,oun}t`, also with
 * the quotes and backslashes a shell drops (`{\c''\a""\t,/\e''*?/\p*\d}`) and globs for the path.
 */
export const braceExpansionRule: Rule = {
  id: 'cmdi-008',
  kind: 'cmdi',
  severity: 'critical',
  paranoia: 1,
  find(raw) {
    const form = raw.includes('{') ? collapseShell(raw) : raw;
    for (let open = form.indexOf('{'); open >= 0; open = form.indexOf('{', open + 1)) {
      const close = closingBrace(form, open);
      if (close < 0) {
        continue;
      }
      const parts = form.slice(open + 1, close).split(',');
      if (parts.length < 2) {
        continue;
      }
      const prefix = wordBefore(form, open);
      const suffix = wordAfter(form, close + 1);
      if (parts.some((part) => commandStrength(canonicalCommand(prefix + part + suffix)) !== null && (prefix + part + suffix).length > 1)) {
        return form.slice(open - prefix.length, close + 1 + suffix.length).slice(0, 64);
      }
    }
    return null;
  },
};

const BRACE_CHAR = /[A-Za-z0-9_./,*?-]/;

function closingBrace(form: string, open: number): number {
  const limit = Math.min(form.length, open + 128);
  for (let i = open + 1; i < limit; i++) {
    const c = form.charAt(i);
    if (c === '}') {
      return i;
    }
    if (!BRACE_CHAR.test(c)) {
      return -1;
    }
  }
  return -1;
}

function wordBefore(form: string, at: number): string {
  let i = at;
  while (i > 0 && at - i < 32 && /[A-Za-z0-9_]/.test(form.charAt(i - 1))) {
    i--;
  }
  return form.slice(i, at);
}

function wordAfter(form: string, at: number): string {
  let i = at;
  while (i < form.length && i - at < 32 && /[A-Za-z0-9_]/.test(form.charAt(i))) {
    i++;
  }
  return form.slice(at, i);
}
