import type { Rule } from '../rule-kit.js';

export const RUNTIME_ESCAPE_MARKERS = ['<%[%\'"}}%', '__subclasses__', '__globals__', '__builtins__', '__mro__', 'constructor.constructor', "constructor['constructor']", '.__class__.__'];

/**
 * Sandbox escapes that name no template delimiter but exist only in exploits (Jinja2 MRO walks, JS constructor chains),
 * and the template-engine detection polyglot (`${{<%[%'"}}%\.`).
 */
export const runtimeEscapeRule: Rule = {
  id: 'other-011',
  kind: 'ssti',
  severity: 'critical',
  paranoia: 1,
  find(form) {
    const lower = form.toLowerCase();
    for (const marker of RUNTIME_ESCAPE_MARKERS) {
      const at = lower.indexOf(marker);
      if (at >= 0) {
        return form.slice(at, at + 48);
      }
    }
    return null;
  },
};
