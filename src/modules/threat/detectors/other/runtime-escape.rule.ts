import type { Rule } from '../rule-kit.js';

const CLASS_ATTRIBUTE = '.__class__.__';
/** `type(self).__name__`'s longhand in Python code and log lines: `self.__class__.__name__` reaches nothing. */
const INTROSPECTION = /^(?:name|qualname|module|doc)__/;

export const RUNTIME_ESCAPE_MARKERS = ['<%[%\'"}}%', '__subclasses__', '__globals__', '__builtins__', '__mro__', 'constructor.constructor', "constructor['constructor']", CLASS_ATTRIBUTE];

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
      let at = lower.indexOf(marker);
      while (at >= 0 && marker === CLASS_ATTRIBUTE && INTROSPECTION.test(lower.slice(at + marker.length, at + marker.length + 10))) {
        at = lower.indexOf(marker, at + 1);
      }
      if (at >= 0) {
        return form.slice(at, at + 48);
      }
    }
    return null;
  },
};
