import { skipBlanks } from '../blanks.js';
import { EXEC_FUNCTIONS, PHP_ONLY_FUNCTIONS, SHARED_NAMES } from './php-calls.js';
import { isIdentifierCode } from '../code-units.js';

/**
 * Functions that compute or print and touch no file, process or network: `is_array($value)`, `intval($m[3])`,
 * `substr($d->buffer(), $pos, $n)` is everyday PHP (or Perl) working on its own variables, not an injected probe.
 */
const PURE_FUNCTIONS = new Set(
  `is_array intval substr str_replace strip_tags sprintf printf print_r var_dump var_export chr ord pack unpack bin2hex
  hex2bin strrev serialize func_get_args base64_encode ini_get file_exists is_writable fileperms fileowner filegroup`.split(/\s+/),
);

/** Functions that call the function they are handed: everyday with `null`, a closure or a method, not with `'system'`. */
const CALLBACK_RUNNERS = new Set(['array_map', 'array_filter', 'array_walk', 'usort', 'uasort', 'uksort', 'iterator_apply']);


export function identifierEnd(text: string, at: number): number {
  let i = at;
  while (i < text.length && isIdentifierCode(text.charCodeAt(i))) {
    i++;
  }
  return i;
}

/** Index after a `[…]` or `{…}` subscript opening at `at` that calls nothing, or -1. */
function subscriptEnd(text: string, at: number): number {
  const close = text.indexOf(text.charAt(at) === '[' ? ']' : '}', at + 1);
  return close < 0 || text.slice(at + 1, close).includes('(') ? -1 : close + 1;
}

/**
 * Index after a variable expression at `at` (`$name`, `$this->x`, `$d->buffer()`, `$m[3]`, `$self->{buf}`), or -1.
 * Superglobals (`$_GET`) are not plain variables: they carry the request.
 */
function variableEnd(text: string, at: number): number {
  let i = skipBlanks(text, at);
  if (text.charAt(i) !== '$' || text.charAt(i + 1) === '_' || !isIdentifierCode(text.charCodeAt(i + 1))) {
    return -1;
  }
  i = identifierEnd(text, i + 1);
  for (let part = 0; part < 8 && i >= 0; part++) {
    const arrow = text.startsWith('->', i) ? 2 : 0;
    const next = text.charAt(i + arrow);
    if (next === '[' || next === '{') {
      i = subscriptEnd(text, i + arrow);
    } else if (arrow > 0 && isIdentifierCode(text.charCodeAt(i + 2))) {
      i = identifierEnd(text, i + 2);
      i += text.startsWith('()', i) ? 2 : 0;
    } else {
      break;
    }
  }
  return i;
}

/** Whether a quoted name in `argument` is a function that runs code or commands (`array_filter($a, 'system')`). */
function quotesRiskyName(argument: string): boolean {
  for (const quoted of argument.matchAll(/['"]\s*([A-Za-z_][A-Za-z0-9_]{0,39})\s*['"]/g)) {
    const name = (quoted[1] ?? '').toLowerCase();
    if (EXEC_FUNCTIONS.has(name) || (PHP_ONLY_FUNCTIONS.has(name) && !PURE_FUNCTIONS.has(name))) {
      return true;
    }
  }
  return false;
}

/** The callback a runner is handed first: `null`, a closure, a method (`[$this, 'x']`) or a harmless function's name. */
function opensWithHarmlessCallback(argument: string): boolean {
  const at = skipBlanks(argument, 0);
  const rest = argument.slice(at);
  return /^(?:null\s*,|function\s*\(|fn\s*\(|static\s+function|\[\s*\$this\b|array\(\s*\$this\b|['"][a-z_][a-z0-9_]*['"]\s*,)/i.test(rest);
}

/**
 * A lowercase call that is everyday code rather than a probe: a pure function on a plain variable
 * (`is_array($value)`), a callback runner handed `null`, a closure or a method, or a name PHP shares with Perl or C
 * on a plain variable and more (`substr($k, 0, 1)`, `copy($from, $to)`). Probes call names in other cases
 * (`subSTR($x)`), read the request (`$_GET`), hand over a command runner (`array_map('system', …)`) or call a
 * file function on one argument (`unlink($target)`); functions that run code (`eval`, `system`) never qualify.
 */
export function isEverydayCall(form: string, open: number, name: string, argument: string): boolean {
  if (EXEC_FUNCTIONS.has(name) || form.slice(open - name.length, open) !== name || argument.includes('$_') || argument.includes('$GLOBALS') || quotesRiskyName(argument)) {
    return false;
  }
  if (CALLBACK_RUNNERS.has(name) && opensWithHarmlessCallback(argument)) {
    return true;
  }
  const end = variableEnd(argument, 0);
  const after = end < 0 ? '' : argument.charAt(skipBlanks(argument, end));
  return after === ',' ? PURE_FUNCTIONS.has(name) || CALLBACK_RUNNERS.has(name) || SHARED_NAMES.has(name) : after === ')' && PURE_FUNCTIONS.has(name);
}
