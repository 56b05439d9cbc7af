import type { Rule } from '../rule-kit.js';

/**
 * LDAP filter injection: a value that closes the application's filter and opens another, `x)(uid=*)`, `*)(|(cn=*`,
 * `x)(&)`, `x)!(sn=*`, `x)|(cn=admin`: a `)` with no `(` before it in the value, then an operator or a filter on an attribute.
 * Also the metacharacter probe `*()|&'` that scanners send to find such filters.
 */
export const ldapFilterRule: Rule = {
  id: 'other-070',
  kind: 'ldap',
  severity: 'critical',
  paranoia: 1,
  find(form) {
    const probe = form.indexOf("*()|&'");
    if (probe >= 0) {
      return form.slice(probe, probe + 8);
    }
    let depth = 0;
    for (let at = 0; at < form.length; at++) {
      const c = form.charAt(at);
      if (c === '(' || (c === ')' && depth > 0)) {
        // A `)` that closes a group opened in the value is a whole filter someone typed, not an escape from one.
        depth += c === '(' ? 1 : -1;
        continue;
      }
      if (c !== ')') {
        continue;
      }
      if (form.charAt(at + 1) === '\u0000' || form.startsWith(')%00', at)) {
        // `*))%00`: a NUL cuts the rest of the application's filter off.
        return form.slice(Math.max(0, at - 8), at + 4);
      }
      let i = skipBlanks(form, at + 1);
      let operator = false;
      if ('&|!'.includes(form.charAt(i)) && form.charAt(i) !== '') {
        operator = true;
        i = skipBlanks(form, i + 1);
      }
      if (form.charAt(i) !== '(') {
        continue;
      }
      i = skipBlanks(form, i + 1);
      while (form.charAt(i) === '(' && i - at < 24) {
        i = skipBlanks(form, i + 1);
      }
      if (!operator && '&|!'.includes(form.charAt(i)) && form.charAt(i) !== '') {
        return form.slice(Math.max(0, at - 8), i + 16);
      }
      if (filterAt(form, i)) {
        return form.slice(Math.max(0, at - 8), i + 24);
      }
    }
    return null;
  },
};

function skipBlanks(form: string, at: number): number {
  let i = at;
  while (i < form.length && i - at < 16 && (form.charAt(i) === ' ' || form.charAt(i) === '\t')) {
    i++;
  }
  return i;
}

/** `attr=`, `attr>=`, `attr<=`, `attr~=` (attribute names are letters, digits, `-`, `;` options). */
function filterAt(form: string, at: number): boolean {
  let i = at;
  if (!/[A-Za-z]/.test(form.charAt(i))) {
    return false;
  }
  while (i < form.length && i - at < 48 && /[A-Za-z0-9;-]/.test(form.charAt(i))) {
    i++;
  }
  const op = form.slice(i, i + 2);
  return op.startsWith('=') || op === '>=' || op === '<=' || op === '~=';
}
