import type { Rule } from '../rule-kit.js';

const MARKERS = ['__subclasses__', '__globals__', '__builtins__', '__mro__', 'constructor.constructor', "constructor['constructor']", '.__class__.__'];

/** Sandbox escapes that name no template delimiter but exist only in exploits (Jinja2 MRO walks, JS constructor chains). */
export const runtimeEscapeRule: Rule = {
  id: 'other-011',
  kind: 'ssti',
  severity: 'critical',
  paranoia: 1,
  find(form) {
    const lower = form.toLowerCase();
    for (const marker of MARKERS) {
      const at = lower.indexOf(marker);
      if (at >= 0) {
        return form.slice(at, at + 48);
      }
    }
    return null;
  },
};
