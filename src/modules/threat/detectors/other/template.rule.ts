import type { Rule } from '../rule-kit.js';

const DELIMITERS: readonly [string, string][] = [
  ['{{', '}}'],
  ['{%', '%}'],
  ['${', '}'],
  ['#{', '}'],
  ['*{', '}'],
  ['@{', '}'],
  ['<%', '%>'],
  ['[[', ']]'],
];

const DANGEROUS = [
  '__class__', '__mro__', '__subclasses__', '__globals__', '__builtins__', '__import__', '__init__', '__base__',
  'config.items', 'self._templatereference', 'request.application', 'lipsum.', 'cycler.', 'joiner.', 'getclass',
  'forname', 'exec(', 'popen', 'system(', 'processbuilder', 'eval(', 'require(', 'process.', 't(java', 'freemarker',
  '?new(', '#set(', 'getruntime', 'subprocess',
];

/**
 * Server-side template injection: a template expression whose body evaluates arithmetic (`{{7*7}}`, `<%= 7*7 %>`,
 * `#{7*7}`) or reaches into the runtime (`{{''.__class__}}`, `#{runtime.exec('id')}`). Plain `{{ user.name }}`
 * or `${name}` are ordinary template text.
 */
export const templateInjectionRule: Rule = {
  id: 'other-010',
  kind: 'ssti',
  severity: 'critical',
  paranoia: 1,
  find(form) {
    for (const [open, close] of DELIMITERS) {
      for (let at = form.indexOf(open); at >= 0; at = form.indexOf(open, at + open.length)) {
        const bodyStart = at + open.length;
        const offset = form.slice(bodyStart, bodyStart + 200).indexOf(close);
        if (offset < 0) {
          continue;
        }
        const end = bodyStart + offset;
        const body = form.slice(bodyStart, Math.min(end, bodyStart + 160)).replace(/^[=\-\s]+/, '').toLowerCase();
        if (isArithmetic(body) || DANGEROUS.some((word) => body.includes(word))) {
          return form.slice(at, Math.min(end + close.length, at + 64));
        }
      }
    }
    return null;
  },
};

/** `7*7`, `7*'7'`, `1337+1`: two numbers and an operator, nothing else. */
function isArithmetic(body: string): boolean {
  return /^\s*\(?\s*['"]?[0-9]{1,6}['"]?\s*[*+/%-]\s*['"]?[0-9]{1,6}['"]?\s*\)?\s*$/.test(body);
}
