import { commandStrength, PREFIX_COMMANDS, toolSyntaxFollows } from './command-words.js';
import { endsPhrase, PROSE_FOLLOWERS, proseFollows, restOfSegment } from './segment-prose.js';
import { isDecimal, isHostArgument, isHostName, looksLikeArgument, readWord, skipCommas, skipSpaces, skipToken } from './shell-text.js';

const SHELL_VARIABLES = new Set(['SHELL', 'BASH', '0']);

/** `timeout 1 ping localhost`: timeout's duration stands between it and the command it runs. */
function afterDuration(word: string, text: string, end: number): number {
  if (word.toLowerCase() !== 'timeout') {
    return end;
  }
  const at = skipSpaces(text, end);
  const token = readWord(text, at);
  return /^[0-9]{1,6}(?:\.[0-9]{1,3})?[smhd]?$/.test(token) && text.charAt(at + token.length) === ' ' ? at + token.length : end;
}

/** Shell keywords after which a command follows: `if id; then sleep 1; else ls; fi`, `while true; do id; done`. */
const COMPOUND_OPENERS = new Set(['then', 'do', 'else', 'elif', 'if', 'while', 'until']);

/** Commands that are nothing but commands: the whole value being one is enough. */
const UNMISTAKABLE = new Set(['whoami', 'ifconfig', 'ipconfig', 'systeminfo', 'uname', 'netstat', 'getent', 'tasklist', 'printenv']);

/** Commands whose usual argument is a number (`sleep 5`). */
const NUMERIC_ARGUMENT = new Set(['sleep', 'ping', 'timeout', 'kill', 'usleep']);

const WINDOWS_NET_VERBS = new Set(['user', 'localgroup', 'group', 'share', 'view', 'use', 'start', 'stop', 'session', 'accounts']);

/** `net` verbs that are not English after "net" (`net user growth` is prose; `net localgroup administrators` is not). */
const WINDOWS_ONLY_NET_VERBS = new Set(['localgroup', 'share', 'session', 'accounts']);

/** Probes alone on a line that opens the value (`%0aid`); later lines of a list (`name\nid`) are field names. */
const LINE_PROBES = new Set(['id', 'pwd', 'set', 'ver']);

/** Commands that print their argument: `;echo marker` is how blind injection is confirmed. */
const PRINT_COMMANDS = new Set(['echo', 'printf']);

/** Commands that reach a host they are given: an out-of-band probe when the value is one with a host name. */
const NETWORK_PROBES = new Set(['nslookup', 'ping', 'dig', 'host', 'traceroute', 'tracert']);

/** cmd.exe's end of a command line (0x1a), which the separator rule reads as a separator. */
const SUB = '\u001a';

function endsCommand(c: string): boolean {
  return c === '' || c === '\n' || c === '\r' || c === ';' || c === '|' || c === '&' || c === SUB;
}

/** How much context a command word needs before it counts. */
export interface PositionContext {
  /** The separator before allows a lone lowercase word (`;ps`), not just one with arguments. */
  allowBare: boolean;
  /** A lone word that is also prose (`\nid`) is not enough after this separator. */
  bareNeedsDistinctive?: boolean;
  /** The separator opens the value (`%0aid`): a probe alone on that line counts even where prose words do not. */
  opensValue?: boolean;
  /** Only Unix shells run what follows (backticks, `$(`), and they are case-sensitive: `` `Column `` is no command. */
  caseSensitive?: boolean;
  /** A distinctive command may be followed by a plain word (`;whoami foo`), not only by an argument. */
  allowWords: boolean;
}

/**
 * Reads the command in the position starting at `at` and decides whether it reads as a command line.
 * Returns the matched fragment or null.
 */
export function commandAt(text: string, at: number, ctx: PositionContext, depth = 0): string | null {
  let i = skipSpaces(text, at);
  let subshell = false;
  while (text.charAt(i) === '\\' || text.charAt(i) === '@' || text.charAt(i) === '(') {
    subshell = subshell || text.charAt(i) === '(';
    i++;
  }
  i = skipEmptyVariable(text, i);
  const variable = shellVariable(text, i);
  if (variable !== null) {
    const after = skipSpaces(text, i + variable.length);
    return after > i + variable.length && text.charAt(after) === '-' ? text.slice(at, after + 2) : null;
  }
  const word = readWord(text, i);
  if (word === '') {
    return null;
  }
  const end = i + word.length;
  // Prefixes stack (`nohup time sh`), but a few deep is all a real command line needs. After a separator, a shell
  // keyword opening a compound command runs the word after it (`;then sleep 1`, `&&do id`), as a prefix does.
  const opener = PREFIX_COMMANDS.has(word.toLowerCase()) || (ctx.allowBare && COMPOUND_OPENERS.has(word));
  if (opener && text.charAt(end) === ' ' && depth < 4) {
    const inner = commandAt(text, afterDuration(word, text, end), ctx, depth + 1);
    if (inner !== null) {
      return text.slice(at, end) + inner;
    }
  }
  const strength = commandStrength(word);
  if (strength === null || isJavaScriptExport(word, text, end) || isTracebackLine(word, text, end) || (ctx.caseSensitive === true && strength !== 'distinctive' && word !== word.toLowerCase())) {
    return null;
  }
  const fragment = text.slice(at, Math.min(text.length, end + 24));
  const syntax = toolSyntaxFollows(word, text, end);
  if (syntax !== undefined) {
    // Its own syntax makes it a command line (`reg add HKLM\…`, `netsh wlan show profiles`); `reg` without it is
    // something else (`&reg;`).
    return syntax ? fragment : null;
  }
  const next = text.charAt(end);
  const lower = word === word.toLowerCase();
  if ((next === '<' || (next === '>' && text.charAt(end + 1) !== '>')) && (lower || strength === 'distinctive')) {
    // `Type<T>` is a generic type; `cat<file` and `TYPE<file` are redirections, but a capitalised word is code first.
    return fragment;
  }
  if (next === '' && at === 0 && UNMISTAKABLE.has(word.toLowerCase())) {
    return fragment;
  }
  // `%0aid%0a`, `%0a id %0a`, `%0aid;`: a probe that ends its line or its command, on the line that opens the value.
  const lineProbe = ctx.opensValue === true && lower && LINE_PROBES.has(word) && endsCommand(text.charAt(skipSpaces(text, end)));
  if (lineProbe && ctx.allowBare) {
    return fragment;
  }
  if (next === '' || next === SUB || ';|&)`\n\r<>}'.includes(next)) {
    // A word closing a group (`(a && type)`) is code unless only a command is spelled that way.
    const closesGroup = (next === ')' && !subshell) || next === '}';
    const bareOk = strength === 'distinctive' || (lower && !closesGroup && (ctx.bareNeedsDistinctive !== true || lineProbe));
    const separated = next !== '' && strength === 'distinctive' && lower;
    return (ctx.allowBare && bareOk) || separated ? fragment : null;
  }
  if (next === '/' && strength === 'distinctive' && /[A-Za-z]/.test(text.charAt(end + 1))) {
    return fragment;
  }
  if (next === ',' && ctx.allowBare && lower && looksLikeArgument(text, skipCommas(text, end))) {
    // cmd.exe splits at commas as at spaces (`&ping,-n,5,1.1.1.1`); and at `=`, but a query's `&sort=-name` is no command.
    return fragment;
  }
  if (next !== ' ' && next !== '\t') {
    return null;
  }
  const argAt = skipSpaces(text, end);
  if (argAt >= text.length || ';|&\n#'.includes(text.charAt(argAt))) {
    return ctx.allowBare && lower && (strength === 'distinctive' || ctx.bareNeedsDistinctive !== true) ? fragment : null;
  }
  if (!lower && strength !== 'distinctive' && text.charAt(argAt) === '$') {
    // `Call ${name} now`: Unix shells are case-sensitive and cmd.exe has no `$` variables.
    return null;
  }
  if ((!lower && strength !== 'distinctive' && opensSentence(word, text, argAt)) || namesOptionInHeading(text, argAt)) {
    return null;
  }
  if (lower && redirectsToPath(text, argAt)) {
    return fragment;
  }
  if (looksLikeArgument(text, argAt)) {
    // `copy .env.example to .env`: an instruction that names a dotfile, where a command line would not go on in prose.
    const instruction = !ctx.allowBare && strength !== 'distinctive' && text.charAt(argAt) === '.' && proseFollows(text, skipToken(text, argAt));
    return instruction ? null : fragment;
  }
  const hostStop = hostEnd(text, argAt);
  const host = text.slice(argAt, hostStop);
  const endsWithHost = endsCommand(text.charAt(skipSpaces(text, hostStop))) || isSurrogate(text.charCodeAt(hostStop));
  if (isHostArgument(host) && lower && (ctx.allowBare || (NETWORK_PROBES.has(word) && isHostName(host) && endsWithHost))) {
    // `; dig x.oastify.com`, `;ping x.oastify.com;`: after a separator, a lookup of a host name or address is the
    // out-of-band probe; opening the value, a network probe of a host name with nothing after it (`nslookup
    // x.oastify.com`; not `ping 127.0.0.1`, what a network tool's form is given, nor `gunzip sdk-12.0-linux.tar.gz`,
    // whose file name reads as a host too).
    return fragment;
  }
  const following = readWord(text, argAt);
  const rest = restOfSegment(text, argAt + following.length);
  if (lower && NUMERIC_ARGUMENT.has(word) && isNumericArgument(following) && (rest === '' || rest.startsWith('#'))) {
    return fragment;
  }
  if (word.toLowerCase() === 'net' && WINDOWS_NET_VERBS.has(following.toLowerCase())) {
    const windowsOnlyVerb = WINDOWS_ONLY_NET_VERBS.has(following.toLowerCase());
    return rest === '' || rest.includes('/') || (ctx.allowBare && windowsOnlyVerb && /^[A-Za-z0-9_-]+$/.test(rest)) ? fragment : null;
  }
  if (lower && ctx.allowBare && ctx.bareNeedsDistinctive !== true && PRINT_COMMANDS.has(word) && following !== '' && (rest === '' || rest.startsWith('>'))) {
    return fragment;
  }
  if (lower && following !== '' && following === following.toLowerCase() && commandStrength(following) !== null) {
    if (ctx.bareNeedsDistinctive === true && strength !== 'distinctive' && commandStrength(following) !== 'distinctive') {
      // After a newline, two everyday words (`export type Options = {`) are code or prose, not a command line.
      return null;
    }
    // `type whoami to see your user` is an instruction in prose; `type whoami` or `time sh -c id` is not.
    const afterFollowing = readWord(text, skipSpaces(text, argAt + following.length)).toLowerCase();
    if (!ctx.allowBare && !opener && strength !== 'distinctive' && commandStrength(following) !== 'distinctive' && endsPhrase(text, argAt + following.length)) {
      // Opening the value, two everyday words then nothing but a full stop or a plain word (`set time`, `file type.`,
      // `read more about`) are a phrase; after a separator (`;set time`) or a prefix (`time who`) they are a command.
      return null;
    }
    return PROSE_FOLLOWERS.has(afterFollowing) ? null : fragment;
  }
  if (strength === 'distinctive' && ctx.allowWords && lower && ctx.allowBare) {
    return (following !== '' && !PROSE_FOLLOWERS.has(following.toLowerCase())) || text.charAt(argAt) === '(' ? fragment : null;
  }
  return null;
}

/** `5` or `0.5`: what `sleep` and `timeout` wait for. */
function isNumericArgument(word: string): boolean {
  // `usleep 1000000` counts microseconds.
  return /^[0-9]{1,9}$/.test(word) || (word.length <= 10 && isDecimal(word));
}

/**
 * `echo X > /var/www/x.txt`, `id > C:\\x.txt`: the command's output sent to a file by an absolute path, within its
 * segment (at most 64 characters). Prose has no `>` standing apart before a path.
 */
function redirectsToPath(text: string, at: number): boolean {
  for (let i = at; i < text.length && i - at < 64 && !';|&\n'.includes(text.charAt(i)); i++) {
    // A redirection stands apart (`<dir>/x` closes a placeholder).
    if (text.charAt(i) !== '>' || (text.charAt(i - 1) !== ' ' && text.charAt(i - 1) !== '\t')) {
      continue;
    }
    const path = skipSpaces(text, text.charAt(i + 1) === '>' ? i + 2 : i + 1);
    const first = text.charAt(path);
    // `>/dev/null` only discards the output: shell how-tos write it everywhere.
    const unix = first === '/' && /[A-Za-z]/.test(text.charAt(path + 1)) && !text.startsWith('/dev/null', path);
    return unix || (/[A-Za-z]/.test(first) && text.charAt(path + 1) === ':' && text.charAt(path + 2) === '\\');
  }
  return false;
}

/** `$SHELL -c`, `${SHELL}`: the running shell named through a variable. */
function shellVariable(text: string, at: number): string | null {
  if (text.charAt(at) !== '$') {
    return null;
  }
  const braced = text.charAt(at + 1) === '{';
  const start = at + (braced ? 2 : 1);
  const name = readWord(text, start);
  if (!SHELL_VARIABLES.has(name)) {
    return null;
  }
  if (braced) {
    return text.charAt(start + name.length) === '}' ? text.slice(at, start + name.length + 1) : null;
  }
  return text.slice(at, start + name.length);
}

/** `|$u wget`: an unset variable in front of the command expands to nothing. */
function skipEmptyVariable(text: string, at: number): number {
  if (text.charAt(at) !== '$' || !/[a-z]/.test(text.charAt(at + 1))) {
    return at;
  }
  const name = readWord(text, at + 1);
  const after = at + 1 + name.length;
  return name.length <= 3 && text.charAt(after) === ' ' ? skipSpaces(text, after) : at;
}

/**
 * Where a host argument at `at` ends: at a blank, or at the separator or redirection glued to it
 * (`;ping x.oastify.com;`, `ping x.oastify.com<<D`).
 */
function hostEnd(text: string, at: number): number {
  const end = skipToken(text, at);
  for (let i = at; i < end; i++) {
    const c = text.charAt(i);
    // An emoji (a surrogate pair) is in no host name: SHELLING glues one to the host to end its argument.
    if (endsCommand(c) || c === '`' || c === '<' || c === '>' || isSurrogate(text.charCodeAt(i))) {
      return i;
    }
  }
  return end;
}

function isSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdfff;
}

/** What follows `export` in JavaScript and TypeScript modules (`export * from`, `export default`), never in a shell. */
const MODULE_EXPORTS = new Set(['default', 'const', 'let', 'var', 'function', 'class', 'interface', 'type', 'enum', 'async', 'abstract', 'declare', 'namespace']);

function isJavaScriptExport(word: string, text: string, end: number): boolean {
  if (word !== 'export') {
    return false;
  }
  const at = skipSpaces(text, end);
  return text.charAt(at) === '*' || text.charAt(at) === '{' || MODULE_EXPORTS.has(readWord(text, at));
}

/**
 * `  File "/usr/lib/python3.9/subprocess.py", line 424, in run`: a line of a Python traceback (collapseShell has
 * dropped the quotes by now).
 */
function isTracebackLine(word: string, text: string, end: number): boolean {
  if (word !== 'File' || text.charAt(end) !== ' ') {
    return false;
  }
  const tokenEnd = skipToken(text, end + 1);
  return text.charAt(tokenEnd - 1) === ',' && text.startsWith(' line ', tokenEnd) && isDigitCode(text.charCodeAt(tokenEnd + 6));
}

function isDigitCode(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/**
 * `Set --docdir to the destination`, `More setup.py fixes for older compilers`: an everyday word capitalised to open a
 * sentence. Unix shells are case-sensitive (`Set` is no builtin there) and cmd.exe's own commands take `/` switches, so a
 * capitalised word before a `-` option, or before an argument and then two plain lowercase words, is prose. Windows
 * programs that take `-` options and count in arguments (`Ping -n 5`) keep the usual reading.
 */
function opensSentence(word: string, text: string, argAt: number): boolean {
  const lower = word.toLowerCase();
  if (word.length < 2 || word.slice(1) !== lower.slice(1) || NUMERIC_ARGUMENT.has(lower)) {
    return false;
  }
  // "Set `muted` to `false`": cmd.exe, the one shell that ignores case, has no backtick substitution.
  return text.charAt(argAt) === '-' || text.charAt(argAt) === '`' || plainWordsFollow(text, skipToken(text, argAt), 2);
}

/**
 * `diff --no-index: fix --name-status`, `grep -P: fix backreferences`: a commit subject or changelog heading naming a
 * command's option, then what changed. No option of a command line ends in a colon before a word.
 */
function namesOptionInHeading(text: string, argAt: number): boolean {
  if (text.charAt(argAt) !== '-') {
    return false;
  }
  const end = skipToken(text, argAt);
  const after = text.charCodeAt(end + 1) | 0x20;
  return end - argAt >= 3 && text.charAt(end - 1) === ':' && text.charAt(end) === ' ' && after >= 0x61 && after <= 0x7a;
}

/** Whether `count` words of lowercase letters (each after one space, perhaps ending in `.`, `,` or `:`) follow `at`. */
function plainWordsFollow(text: string, at: number, count: number): boolean {
  let i = at;
  for (let n = 0; n < count; n++) {
    if (text.charAt(i) !== ' ') {
      return false;
    }
    const start = ++i;
    while (i < text.length && text.charCodeAt(i) >= 0x61 && text.charCodeAt(i) <= 0x7a) {
      i++;
    }
    if (i === start) {
      return false;
    }
    i += '.,:'.includes(text.charAt(i)) && text.charAt(i) !== '' ? 1 : 0;
    if (i < text.length && text.charAt(i) !== ' ') {
      return false;
    }
  }
  return true;
}
