import { commandStrength, PREFIX_COMMANDS } from './command-words.js';
import { looksLikeArgument, readWord, skipSpaces } from './shell-text.js';

const SHELL_VARIABLES = new Set(['SHELL', 'BASH', '0']);
const PROSE_FOLLOWERS = new Set(['is', 'are', 'was', 'and', 'or', 'the', 'a', 'an', 'to', 'of', 'in', 'for', 'with', 'on', 'as', 'it', 'can', 'will', 'does', 'has', 'have', 'be', 'that', 'this']);

/** Commands that are nothing but commands: the whole value being one is enough. */
const UNMISTAKABLE = new Set(['whoami', 'ifconfig', 'ipconfig', 'systeminfo', 'uname', 'netstat', 'getent', 'tasklist', 'printenv']);

/** Commands whose usual argument is a number (`sleep 5`). */
const NUMERIC_ARGUMENT = new Set(['sleep', 'ping', 'timeout', 'kill', 'usleep']);

const WINDOWS_NET_VERBS = new Set(['user', 'localgroup', 'group', 'share', 'view', 'use', 'start', 'stop', 'session', 'accounts']);

/** How much context a command word needs before it counts. */
export interface PositionContext {
  /** The separator before allows a lone lowercase word (`;ps`), not just one with arguments. */
  allowBare: boolean;
  /** A lone word that is also prose (`\nid`) is not enough after this separator. */
  bareNeedsDistinctive?: boolean;
  /** A distinctive command may be followed by a plain word (`;whoami foo`), not only by an argument. */
  allowWords: boolean;
}

/**
 * Reads the command in the position starting at `at` and decides whether it reads as a command line.
 * Returns the matched fragment or null.
 */
export function commandAt(text: string, at: number, ctx: PositionContext, depth = 0): string | null {
  let i = skipSpaces(text, at);
  while (text.charAt(i) === '\\' || text.charAt(i) === '@' || text.charAt(i) === '(') {
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
  // Prefixes stack (`nohup time sh`), but a few deep is all a real command line needs.
  if (PREFIX_COMMANDS.has(word.toLowerCase()) && text.charAt(end) === ' ' && depth < 4) {
    const inner = commandAt(text, end, ctx, depth + 1);
    if (inner !== null) {
      return text.slice(at, end) + inner;
    }
  }
  const strength = commandStrength(word);
  if (strength === null) {
    return null;
  }
  const fragment = text.slice(at, Math.min(text.length, end + 24));
  const next = text.charAt(end);
  const lower = word === word.toLowerCase();
  if (next === '<' || (next === '>' && text.charAt(end + 1) !== '>')) {
    return fragment;
  }
  if (next === '' && at === 0 && UNMISTAKABLE.has(word.toLowerCase())) {
    return fragment;
  }
  if (next === '' || ';|&)`\n\r<>}'.includes(next)) {
    const bareOk = strength === 'distinctive' || (lower && ctx.bareNeedsDistinctive !== true);
    const separated = next !== '' && strength === 'distinctive' && lower;
    return (ctx.allowBare && bareOk) || separated ? fragment : null;
  }
  if (next === '/' && strength === 'distinctive' && /[A-Za-z]/.test(text.charAt(end + 1))) {
    return fragment;
  }
  if (next !== ' ' && next !== '\t') {
    return null;
  }
  const argAt = skipSpaces(text, end);
  if (argAt >= text.length) {
    return ctx.allowBare && lower && (strength === 'distinctive' || ctx.bareNeedsDistinctive !== true) ? fragment : null;
  }
  if (looksLikeArgument(text, argAt)) {
    return fragment;
  }
  const following = readWord(text, argAt);
  if (lower && NUMERIC_ARGUMENT.has(word) && /^[0-9]{1,6}$/.test(following) && restOfSegment(text, argAt + following.length) === '') {
    return fragment;
  }
  if (word.toLowerCase() === 'net' && WINDOWS_NET_VERBS.has(following.toLowerCase())) {
    const rest = restOfSegment(text, argAt + following.length);
    return rest === '' || rest.includes('/') ? fragment : null;
  }
  if (lower && following !== '' && following === following.toLowerCase() && commandStrength(following) !== null) {
    return fragment;
  }
  if (strength === 'distinctive' && ctx.allowWords && lower && ctx.allowBare) {
    return (following !== '' && !PROSE_FOLLOWERS.has(following.toLowerCase())) || text.charAt(argAt) === '(' ? fragment : null;
  }
  return null;
}

/** What follows up to the next separator (at most 64 characters), trimmed. */
function restOfSegment(text: string, at: number): string {
  let i = at;
  while (i < text.length && i - at < 64 && !';|&\n`)'.includes(text.charAt(i))) {
    i++;
  }
  return text.slice(at, i).trim();
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
