import type { Rule } from '../rule-kit.js';

const OPERATORS = new Set(
  'ne eq gt gte lt lte in nin exists regex where expr or and not nor elemmatch all size type mod text function accumulator jsonschema options'.split(' '),
);

/** Operators that run code on the database server. */
const CODE_OPERATORS = new Set(['where', 'function', 'accumulator']);

/**
 * MongoDB query operators smuggled into a field: `[$ne]=` from query-string parsers, `{"$gt": ""}` in JSON,
 * and a key that is an operator (keys are inspected as values too).
 */
export const nosqlOperatorRule: Rule = {
  id: 'other-001',
  kind: 'nosqli',
  severity: 'critical',
  paranoia: 1,
  find(form) {
    const value = form.trim();
    if (value.startsWith('$') && OPERATORS.has(value.slice(1).toLowerCase())) {
      return value;
    }
    // JSON quoted in prose ("query with {"age": {"$gt": 18}}") documents an operator; a payload is the JSON itself.
    const quotedInProse = /[A-Za-z]{2,} [A-Za-z]{2,}/.test(form.slice(0, Math.min(200, Math.max(0, form.indexOf('{')))));
    for (let at = form.indexOf('$'); at >= 0; at = form.indexOf('$', at + 1)) {
      const name = operatorAt(form, at);
      if (name === null) {
        continue;
      }
      const before = form.slice(Math.max(0, at - 3), at).replace(/\s/g, '');
      const after = form.slice(at + 1 + name.length, at + name.length + 6).replace(/\s/g, '');
      const bracketed = before.endsWith('[') && after.startsWith(']');
      const jsonKey = !quotedInProse && /[{,]["']?$/.test(before) && /^["']?:/.test(after);
      const codeKey = CODE_OPERATORS.has(name) && /^["']?[:=]/.test(after);
      if (bracketed || jsonKey || codeKey) {
        return form.slice(Math.max(0, at - 2), at + name.length + 8);
      }
    }
    return null;
  },
};

/** Any operator word in a value: `$regex` in prose is rare, but only stricter levels pay for it. */
export const nosqlMentionRule: Rule = {
  id: 'other-002',
  kind: 'nosqli',
  severity: 'warning',
  paranoia: 3,
  find(form) {
    for (let at = form.indexOf('$'); at >= 0; at = form.indexOf('$', at + 1)) {
      const name = operatorAt(form, at);
      if (name !== null && name.length > 2) {
        return form.slice(at, at + name.length + 1);
      }
    }
    return null;
  },
};

function operatorAt(form: string, at: number): string | null {
  let end = at + 1;
  while (end < form.length && end - at < 14 && /[A-Za-z]/.test(form.charAt(end))) {
    end++;
  }
  if (/[A-Za-z0-9_]/.test(form.charAt(end)) || (at > 0 && /[A-Za-z0-9_]/.test(form.charAt(at - 1)))) {
    return null;
  }
  const name = form.slice(at + 1, end).toLowerCase();
  return OPERATORS.has(name) ? name : null;
}
