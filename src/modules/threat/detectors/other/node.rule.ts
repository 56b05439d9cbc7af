import type { Rule } from '../rule-kit.js';

/**
 * Server-side JavaScript injection: prototype pollution (`__proto__[x]`, `constructor.prototype`, `constructor[prototype]`),
 * child_process loaded and the module loader reached from injected code (naming child_process is documentation), node-serialize and funcster function markers, and
 * React Flight references that walk to `constructor`.
 */
export const NODE_MARKERS = [
  "require('child_process')", 'require("child_process")', 'require(`child_process`)', "import('child_process')",
  "child_process').exec", 'child_process").exec', "child_process').spawn", 'child_process").spawn', 'process.mainmodule', 'mainmodule.require', 'global.process.', '_$$nd_func$$_',
  '__js_function', 'process.spawn(', ':constructor:constructor', ':module:prototype', 'module._load(', 'constructor._load(',
  'process[', 'require[',
];

/** `_$$ND_FUNC$$_` base64-encoded, as node-serialize payloads are sent through cookies. */
export const ENCODED_FUNCTION_MARKER = 'XyQkTkRfRlVOQyQk';

export const nodeInjectionRule: Rule = {
  id: 'other-060',
  kind: 'node',
  severity: 'critical',
  paranoia: 1,
  find(form) {
    const lower = form.toLowerCase();
    for (const marker of NODE_MARKERS) {
      const at = lower.indexOf(marker);
      if (at >= 0) {
        return form.slice(at, at + 40);
      }
    }
    const encoded = form.indexOf(ENCODED_FUNCTION_MARKER);
    return encoded >= 0 ? form.slice(encoded, encoded + 32) : prototypePath(lower, form);
  },
};

/** `__proto__` used as a key or path step, and `constructor` followed by `prototype` as the next step. */
function prototypePath(lower: string, form: string): string | null {
  const value = lower.trim();
  if (value === '__proto__' || value === 'constructor.prototype') {
    return form.trim();
  }
  for (let at = lower.indexOf('__proto__'); at >= 0; at = lower.indexOf('__proto__', at + 9)) {
    const after = lower.charAt(at + 9);
    const before = lower.charAt(at - 1);
    // `{ __proto__: a }` is a JavaScript literal; a quoted `"__proto__":` key is JSON from outside.
    const quotedKey = after === ':' ? /['"]/.test(before) : after === '"' || after === "'" ? isQuotedKey(lower, at + 10) : '[.=]\n'.includes(after) && after !== '';
    if (quotedKey && !/[a-z0-9_]/.test(before)) {
      return form.slice(at, at + 32);
    }
  }
  for (let at = lower.indexOf('constructor'); at >= 0; at = lower.indexOf('constructor', at + 11)) {
    if (lower.charAt(at - 1) === '.') {
      // `entity.constructor.prototype` is code reading a prototype; payloads start the path at `constructor`.
      continue;
    }
    const step = lower.slice(at + 11, at + 30).replace(/[\s'"[\]:{]/g, '');
    if (step.startsWith('.prototype') || step.startsWith('prototype')) {
      return form.slice(at, at + 32);
    }
  }
  return null;
}

/** `"__proto__":` or `["__proto__"]`: the quoted name used as a key, not compared against (`key === "__proto__")`). */
function isQuotedKey(lower: string, afterQuote: number): boolean {
  let i = afterQuote;
  while (i < lower.length && i - afterQuote < 8 && lower.charAt(i) === ' ') {
    i++;
  }
  return lower.charAt(i) === ':' || lower.charAt(i) === ']';
}
