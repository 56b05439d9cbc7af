import type { Rule } from '../rule-kit.js';
import { EXEC_FUNCTIONS, PHP_ONLY_FUNCTIONS, SHARED_NAMES, trimCodeEnd } from './php-calls.js';
import { isEverydayCall } from './php-everyday-call.js';

/** What makes an argument PHP rather than prose or another language: a variable, a superglobal, a decoder, an `@`. */
const PHP_ARGUMENT = /^\s*(?:@\$|['"]?\s*\$|chr\s*\(|base64_decode|gzinflate|str_rot13|gzuncompress|['"]\s*(?:[a-z_]+\s*[(;]|echo\b|print\b|[a-z]{1,12}\s*;))/i;

/** Functions that hand their argument to a shell (`require('net')` loads a module named like a command). */
const COMMAND_RUNNERS = new Set(['system', 'exec', 'passthru', 'shell_exec', 'popen', 'proc_open', 'pcntl_exec']);

/** A shell command as the bare or quoted argument of a shell-running function: `system(whoami)`, `exec('ls -la')`. */
const COMMAND_ARGUMENT = /^\s*['"]?\s*(?:id|whoami|ls|uname|cat|dir|pwd|ifconfig|ipconfig|netstat|ps|wget|curl|nc|bash|sh|cmd|powershell|echo|type|net|ping|sleep|touch|rm|uname|hostname|env|set)\b/i;

/**
 * A code evaluator handed a whole shell command as a string (`eval('whoami')`, `assert("sleep 5")`): a probe that does
 * not know which language it is in. Only the quoted form: `assert(type(x) == int)` is Python.
 */
const EVALUATORS = new Set(['eval', 'assert']);
/** The whole argument is one quoted string. */
const ONE_QUOTED_STRING = /^\s*['"][^'"()]{1,44}['"]\s*\)/;

/**
 * A PHP function call: a PHP-only function (`base64_decode(`, `shell_exec(`, `file_put_contents(`) with or without
 * comments before its parenthesis, or a code-running function (`system`, `eval`, `assert`) called on a PHP-looking argument.
 */
export const phpFunctionRule: Rule = {
  id: 'other-041',
  kind: 'php',
  severity: 'critical',
  paranoia: 1,
  find(form) {
    for (let open = form.indexOf('('); open >= 0; open = form.indexOf('(', open + 1)) {
      const window = form.slice(Math.max(0, open - 64), open);
      const before = trimCodeEnd(window);
      // Only PHP lets a comment sit between a function name and its parenthesis: `exec/*x*/(`, `exec#\n(`.
      const commented = before.length < window.trimEnd().length;
      const name = /[A-Za-z_][A-Za-z0-9_]{0,39}$/.exec(before.slice(-40))?.[0]?.toLowerCase();
      if (name === undefined) {
        continue;
      }
      const prev = before.charAt(before.length - name.length - 1);
      const beforeAt = before.charAt(before.length - name.length - 2);
      // Not `@Module(` or `@app.route(` decorators: PHP's `@` sits inside an expression and PHP code is lowercase.
      if (prev === '@' && !commented && before === window && beforeAt !== '' && '{;(.=,'.includes(beforeAt) && /^[a-z_]/.test(name) && /^[a-z_]/.test(form.charAt(open - name.length))) {
        // `@name(`: PHP's error-suppression operator on a call, as in `${@phpinfo()}`.
        return form.slice(open - name.length - 1, open + 24);
      }
      if (/[A-Za-z0-9_$\\-]/.test(prev)) {
        continue;
      }
      if (prev === '.' && !EXEC_FUNCTIONS.has(name)) {
        // `fs.readFile(`, `socket.gethostbyname(`: a method of another language; PHP calls these bare.
        continue;
      }
      const argument = form.slice(open + 1, open + 48);
      const shared = SHARED_NAMES.has(name) || EXEC_FUNCTIONS.has(name);
      if ((PHP_ONLY_FUNCTIONS.has(name) && !shared && !isEverydayCall(form, open, name, argument)) || (shared && (prev === '@' || commented || (PHP_ARGUMENT.test(argument) && !isEverydayCall(form, open, name, argument)))) || (COMMAND_RUNNERS.has(name) && COMMAND_ARGUMENT.test(argument)) || (EVALUATORS.has(name) && ONE_QUOTED_STRING.test(argument) && COMMAND_ARGUMENT.test(argument))) {
        return form.slice(open - name.length, open + 24);
      }
    }
    return null;
  },
};
