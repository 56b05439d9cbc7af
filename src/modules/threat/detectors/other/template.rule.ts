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
  ['@(', ')'],
  ['<#', '>'],
  // FreeMarker's square-bracket syntax (`[#assign …]`).
  ['[#', ']'],
];

const DANGEROUS = [
  '__class__', '__mro__', '__subclasses__', '__globals__', '__builtins__', '__import__', '__init__', '__base__',
  'config.items', 'self._templatereference', 'request.application', 'lipsum.', 'cycler.', 'joiner.', 'getclass',
  'forname', 'exec(', 'popen', 'system(', 'processbuilder', 'eval(', 'require(', 'process.mainmodule',
  'process.binding', 't(java', 'freemarker', '?new(', '#set(', 'getruntime', 'subprocess', '_self',
  'registerundefinedfiltercallback', '|filter(', '|map(', 'getfilter(', '|attr(', 'os.system', 'importlib', '.mro(',
  'request.environ', 'url_for.', 'get_flashed_messages', 'self.__dict__', 'smarty.', 'objectconstructor',
  'class.inspect', 'classloader', 'io.popen', '%x(', 'child_process', 'mainmodule', '.exec(', 'spawn(', 'system ',
  'exec ', 'assign ', 'include(', 'file_get_contents', 'readlines', 'open(', '.read()', 'settings.secret',
  'app.request', 'runtime.', 'runtime)', 'runtime@', 'constructor.constructor', 'constructor(', '.subclasses(', '.class.base',
  'config.iteritems',
];

/** Bodies that are recon on their own: dumping the template's context or settings (`{{config}}`, `{{self}}`). */
const RECON = new Set(['config', 'self', 'settings', 'request', '_self', 'dump(app)', 'config.items()', '$smarty.version']);

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
        // A body that is a backtick command in ERB or Ruby (`<%= `id` %>`); in `${...}` backticks are JavaScript.
        const command = (open === '<%' || open === '#{') && body.startsWith('`');
        if (command || isArithmetic(body) || RECON.has(body.trim()) || DANGEROUS.some((word) => body.includes(word))) {
          return form.slice(at, Math.min(end + close.length, at + 64));
        }
      }
    }
    return smartyProbe(form);
  },
};

/**
 * Smarty's single braces: `{$smarty...}` recon, and arithmetic (`{7*7}`) when it is the whole value, since JSON and
 * prose ("use {1+1} in class") use braces too.
 */
function smartyProbe(form: string): string | null {
  const value = form.trim();
  if (value.startsWith('{') && value.endsWith('}') && isArithmetic(value.slice(1, -1))) {
    return value.slice(0, 32);
  }
  for (let at = form.indexOf('{'); at >= 0; at = form.indexOf('{', at + 1)) {
    const window = form.slice(at + 1, at + 40);
    const close = window.indexOf('}');
    if (close < 0) {
      continue;
    }
    const body = window.slice(0, close).toLowerCase();
    if (body.startsWith('$smarty.')) {
      return form.slice(at, at + close + 2);
    }
  }
  return null;
}

/** `7*7`, `7*'7'`, `1337+1`: two numbers and an operator, nothing else. */
function isArithmetic(body: string): boolean {
  return /^\s*\(?\s*['"]?[0-9]{1,6}['"]?\s*[*+/%-]\s*['"]?[0-9]{1,6}['"]?\s*\)?\s*$/.test(body);
}
