import type { Rule } from '../rule-kit.js';
import { trimCodeEnd } from './php-calls.js';

const CODE_RUNNERS = ['system', 'exec', 'passthru', 'shell_exec', 'popen', 'proc_open', 'eval', 'assert', 'phpinfo', 'pcntl_exec'];

/**
 * PHP calls through a name built at run time, which hides the function from keyword filters: `("sys"."tem")('id')`,
 * `[system][0](ls)`, `"system"(ls)`, `$__['o'](5)`, `${'a'}(11)`, `@$func(x)`, `$obj->$name()`, `Foo::$fn()`.
 */
export const phpDynamicCallRule: Rule = {
  id: 'other-042',
  kind: 'php',
  severity: 'critical',
  paranoia: 1,
  find(form) {
    return findCall(form, (before) => builtName(before) || variableCall(before) === 'obfuscated');
  },
};

/** A plain variable called as a function (`$a(1)`): PHP only, but also how some template languages look. */
export const phpVariableCallRule: Rule = {
  id: 'other-047',
  kind: 'php',
  severity: 'warning',
  paranoia: 2,
  find(form) {
    return findCall(form, (before) => variableCall(before) !== null);
  },
};

function findCall(form: string, accept: (before: string) => boolean): string | null {
  for (let open = form.indexOf('('); open >= 0; open = form.indexOf('(', open + 1)) {
    const before = trimCodeEnd(form.slice(Math.max(0, open - 64), open));
    if (before !== '' && accept(before)) {
      return form.slice(Math.max(0, open - 24), open + 16);
    }
  }
  return null;
}

/** The callee is a string, a parenthesised or bracketed expression that spells a code runner. */
function builtName(before: string): boolean {
  if (!')]}\'"'.includes(before.charAt(before.length - 1))) {
    return false;
  }
  const statement = before.slice(before.lastIndexOf(';') + 1);
  // Lists of Markdown links (`[Ecosystem](x.md)\n* [API](y)`) span lines; a built call is written on one.
  if (/[A-Za-z] +[A-Za-z]/.test(statement) || before.includes('\n')) {
    return false;
  }
  // The callee starts after the last `=`, `,` or `;`: `(0, moduleSystem.load)(x)` names no runner of its own.
  const callee = before.slice(Math.max(before.lastIndexOf('='), before.lastIndexOf(','), before.lastIndexOf(';')) + 1);
  // Unless the name was built from string pieces earlier (`$y = 'sys'.'tem';($y)('id')`): then read the whole window.
  const concatenated = /['"]\s*\.\s*['"]/.test(before);
  return spellsRunner((concatenated ? before : callee).toLowerCase().split(/[^a-z_]+/).filter((piece) => piece !== ''));
}

/** Whether consecutive whole pieces join into a runner (`sy`+`st`+`em`); `singleValue` holds `eval` only mid-word. */
function spellsRunner(pieces: readonly string[]): boolean {
  for (let start = 0; start < pieces.length; start++) {
    let joined = '';
    for (let end = start; end < pieces.length && joined.length < 12; end++) {
      joined += pieces[end];
      if (CODE_RUNNERS.includes(joined)) {
        return true;
      }
    }
  }
  return false;
}

/** `$name`, `$$name`, `${expr}` with optional `[..]`/`{..}` subscripts; 'obfuscated' when it is more than a plain variable. */
function variableCall(before: string): 'plain' | 'obfuscated' | null {
  let end = before.length;
  let subscripts = 0;
  while (end > 0 && (before.charAt(end - 1) === ']' || before.charAt(end - 1) === '}') && subscripts < 6) {
    const close = before.charAt(end - 1);
    const open = before.lastIndexOf(close === ']' ? '[' : '{', end - 1);
    if (open < 0) {
      return null;
    }
    if (close === '}' && before.slice(0, open).trimEnd().endsWith('$')) {
      // `${name}(` is also a JavaScript template followed by text; PHP's variable-variable forms quote or sigil the name.
      const spaced = before.charAt(open - 1) !== '$';
      return spaced || /[@'"$_]/.test(before.charAt(open + 1)) ? 'obfuscated' : 'plain';
    }
    end = trimCodeEnd(before.slice(0, open)).length;
    subscripts++;
  }
  let i = end;
  while (i > 0 && end - i < 40 && /[A-Za-z0-9_]/.test(before.charAt(i - 1))) {
    i--;
  }
  if (i === end || !/[A-Za-z_]/.test(before.charAt(i))) {
    return null;
  }
  const marker = before.slice(Math.max(0, i - 2), i);
  if (!marker.endsWith('$')) {
    return null;
  }
  const name = before.slice(i, end);
  const obfuscated = subscripts > 0 || marker === '$$' || marker === '@$' || name.startsWith('_') || name === 'GLOBALS' || /->\$|::\$/.test(before.slice(Math.max(0, i - 3), i));
  return obfuscated ? 'obfuscated' : 'plain';
}
