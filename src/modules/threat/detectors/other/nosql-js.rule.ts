import type { Rule } from '../rule-kit.js';

/**
 * After a closing quote, on the same line: a new JavaScript statement that only a `$where` or `mapReduce` body would
 * run. Code snippets (`'x';\n  return y;`) break the line first.
 */
const STATEMENT =
  /^[ \t]*;[ \t]*(?:return[ \t]*(?:true\b|1\b|!0|''|""|this\.|[^;\n]{0,24}==)|sleep[ \t]*\(|while[ \t]*\(|do[ \t]*\{|var[ \t]+[A-Za-z_$][\w$]*[ \t]*=[ \t]*['"]|[A-Za-z_$][\w$]*[ \t]*=[ \t]*new[ \t]+Date\b|this\.[A-Za-z_$])/;

/** After a closing quote: `|| 'a'=='a`, `|| 1==1` — a JavaScript tautology (SQL writes `=`, not `==`). */
const TAUTOLOGY = /^\s*(?:\|\||&&)\s*(['"]?)([\w$]{1,8})\1\s*===?\s*(['"]?)\2\3/;

/**
 * After a closing quote: `&& this.password.match(/.*\/)//`, the document a `$where` body reads, then the rest of the
 * application's code commented out. Code writes `"quit" && this.queue.length === 0) {` with no comment after.
 */
const DOCUMENT_TEST = /^\s*(?:\|\||&&)\s*this\.[A-Za-z_$][^\n]{0,40}?(?:\/\/|\0)/;

/** Server-side JavaScript injected into a MongoDB `$where` string: `';return true;var x='`, `' || 1==1//`. */
export const nosqlJavascriptRule: Rule = {
  id: 'other-003',
  kind: 'nosqli',
  severity: 'critical',
  paranoia: 1,
  find(form) {
    for (let at = 0; at < form.length; at++) {
      const c = form.charAt(at);
      if (c !== "'" && c !== '"') {
        continue;
      }
      const window = form.slice(at + 1, at + 48);
      if (STATEMENT.test(window) || TAUTOLOGY.test(window) || DOCUMENT_TEST.test(window)) {
        return form.slice(at, at + 32);
      }
    }
    return null;
  },
};
