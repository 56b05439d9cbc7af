import type { Rule } from '../rule-kit.js';

/**
 * PHP variable variables that hide a name from filters: `${'_GET'}[0]`, `${"sys"."tem"}(...)`, `$ {'x'}`. A JavaScript
 * template may hold a quoted string (`${'hello'}`), but nothing indexes or calls it right after the brace.
 */
export const phpVariableVariableRule: Rule = {
  id: 'other-048',
  kind: 'php',
  severity: 'critical',
  paranoia: 1,
  find(form) {
    for (let at = form.indexOf('$'); at >= 0; at = form.indexOf('$', at + 1)) {
      let i = at + 1;
      while (i < form.length && i - at < 32 && (form.charAt(i) === ' ' || form.charAt(i) === '\t')) {
        i++;
      }
      if (form.charAt(i) !== '{') {
        continue;
      }
      const spaced = i > at + 1;
      let j = i + 1;
      while (j < form.length && j - i < 32 && (form.charAt(j) === ' ' || form.charAt(j) === '\t')) {
        j++;
      }
      const first = form.charAt(j);
      if ((spaced && /[_$@'"]/.test(first)) || ((first === "'" || first === '"') && usedAsVariable(form, j))) {
        return form.slice(at, at + 32);
      }
    }
    return null;
  },
};

/** After the `}` closing the quoted name: an index, a call, an assignment or a property, as a variable is used. */
function usedAsVariable(form: string, quote: number): boolean {
  const close = form.slice(quote, quote + 64).indexOf('}');
  if (close < 0) {
    return false;
  }
  let k = quote + close + 1;
  while (k < form.length && k - quote < 80 && (form.charAt(k) === ' ' || form.charAt(k) === '\t')) {
    k++;
  }
  const next = form.charAt(k);
  return next !== '' && ('[(='.includes(next) || form.startsWith('->', k));
}
