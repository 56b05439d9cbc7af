import type { Rule } from '../rule-kit.js';
import { skipSpaces } from './shell-text.js';

const IF_KEYWORDS = new Set(['exist', 'defined', 'errorlevel', 'cmdextversion']);
const COMPARISONS = new Set(['equ', 'neq', 'lss', 'leq', 'gtr', 'geq']);
const PROSE_AFTER_KEYWORD = new Set(['by', 'as', 'in', 'at', 'the', 'a', 'an', 'to', 'for', 'on', 'with', 'or', 'and', 'then', 'is', 'it', 'here', 'there']);

/**
 * Windows batch control flow at the start of a statement: `for [/x] %v in (...) do`, `if [/i] [not] exist|defined|
 * errorlevel X cmd`, `if A==B cmd`, `if A equ B cmd`.
 */
export const batchRule: Rule = {
  id: 'cmdi-006',
  kind: 'cmdi',
  severity: 'critical',
  paranoia: 1,
  find(form) {
    let statementStart = true;
    for (let i = 0; i < form.length; i++) {
      const c = form.charAt(i);
      // cmd.exe also ends a command at SUB (0x1a), which commix sends as a separator.
      if (';|&\n(\u001a'.includes(c)) {
        statementStart = true;
        continue;
      }
      if (c === ' ' || c === '\t' || c === '\r' || c === '@') {
        continue;
      }
      if (statementStart ? opensStatement(form, i) : gluedLoopAt(form, i)) {
        return form.slice(i, i + 48);
      }
      statementStart = false;
    }
    return null;
  },
};

/** `for` or `if` opening a statement at `at`. */
function opensStatement(form: string, at: number): boolean {
  const word = form.slice(at, at + 3).toLowerCase();
  return word === 'for' ? forAt(form, at + 3) : word.startsWith('if') ? ifAt(form, at + 2) : false;
}

/** With a switch (`for /f "tokens=*" %i in (…) do`) the loop is batch wherever it stands, even glued to the value. */
function gluedLoopAt(form: string, at: number): boolean {
  if ((form.charCodeAt(at) | 0x20) !== 0x66 || form.slice(at, at + 3).toLowerCase() !== 'for') {
    return false;
  }
  const switchAt = skipSpaces(form, at + 3);
  return switchAt > at + 3 && form.charAt(switchAt) === '/' && forAt(form, at + 3);
}

/** Up to `count` blank-separated words from `at`, none past the end of the line: cmd runs a line at a time. */
function tokens(form: string, at: number, count: number): { text: string; end: number }[] {
  const out: { text: string; end: number }[] = [];
  let i = at;
  while (out.length < count) {
    i = skipSpaces(form, i);
    if (i >= form.length || isLineBreak(form.charAt(i))) {
      break;
    }
    let end = i;
    const open = form.charAt(i);
    const close = open === '"' ? '"' : open === '(' ? ')' : open === '[' ? ']' : open === '{' ? '}' : '';
    if (close !== '') {
      const found = boundedIndexOf(form, close, i + 1, 200);
      end = found < 0 ? i + 1 : found + 1;
    }
    while (end < form.length && form.charAt(end) !== ' ' && form.charAt(end) !== '\t' && !isLineBreak(form.charAt(end)) && end - i < 200) {
      end++;
    }
    out.push({ text: form.slice(i, end), end });
    i = end;
  }
  return out;
}

/** Words that carry a condition on in code (`if n == 1 and ok:`); cmd runs the word after a comparison. */
const CONDITION_WORDS = new Set(['and', 'or', 'not', 'is', 'in', 'then', '&&', '||']);

/** Whether the `if` at `at` is a condition of code: it goes on with a connective, or its line ends in Python's `:`. */
function isCodeCondition(form: string, at: number, action: string): boolean {
  const lineEnd = form.slice(at, at + 400).search(/[\r\n]/);
  return CONDITION_WORDS.has(action.toLowerCase()) || form.slice(at, lineEnd < 0 ? at + 400 : at + lineEnd).trimEnd().endsWith(':');
}

function isLineBreak(c: string): boolean {
  return c === '\n' || c === '\r';
}

function boundedIndexOf(form: string, c: string, from: number, span: number): number {
  const limit = Math.min(form.length, from + span);
  for (let i = from; i < limit; i++) {
    if (form.charAt(i) === c) {
      return i;
    }
  }
  return -1;
}

function forAt(form: string, at: number): boolean {
  if (form.charAt(at) !== ' ' && form.charAt(at) !== '\t' && form.charAt(at) !== '/') {
    return false;
  }
  const words = tokens(form, at, 8);
  let k = 0;
  while (k < 4 && k < words.length && /^(\/|"|[A-Za-z]:\\)/.test(words[k]?.text ?? '')) {
    k++;
  }
  const variable = words[k]?.text ?? '';
  return /^%%?[^\s%]+$/.test(variable) && (words[k + 1]?.text.toLowerCase() ?? '') === 'in' && (words[k + 2]?.text.startsWith('(') ?? false);
}

function ifAt(form: string, at: number): boolean {
  const next = form.charAt(at);
  if (next !== '/' && next !== ' ' && next !== '\t') {
    return false;
  }
  const words = tokens(form, at, 7);
  let k = 0;
  if (words[k]?.text.toLowerCase() === '/i') {
    k++;
  }
  if (words[k]?.text.toLowerCase() === 'not') {
    k++;
  }
  const first = words[k]?.text ?? '';
  if (IF_KEYWORDS.has(first.toLowerCase())) {
    const subject = words[k + 1]?.text ?? '';
    const action = words[k + 2]?.text ?? '';
    return subject !== '' && !PROSE_AFTER_KEYWORD.has(subject.toLowerCase()) && !/[,;:]$/.test(subject) && action !== '';
  }
  // `(x==0)` is a C-family condition; cmd compares operands (`%a%==b`, `(%1)==(LTRS)`), never a parenthesised comparison.
  if (!/\s/.test(first) && /^[^=]+={2,3}[^=]*$/.test(first) && !(first.startsWith('(') && first.indexOf(')') === first.length - 1)) {
    const operand = first.endsWith('=') ? (words[k + 1]?.text ?? '') : first;
    const action = words[first.endsWith('=') ? k + 2 : k + 1]?.text ?? '';
    return operand !== '' && !operand.endsWith(':') && !operand.endsWith('{') && !isCodeCondition(form, at, action);
  }
  if (first.startsWith('(') && first.endsWith(')')) {
    const inner = first.slice(1, -1).trim().split(/\s+/);
    if (inner.length === 3 && COMPARISONS.has((inner[1] ?? '').toLowerCase()) && (words[k + 1]?.text ?? '') !== '') {
      return true;
    }
  }
  if (first.startsWith('(') && (/\s/.test(first) || !first.endsWith(')'))) {
    // `if (req.url === '/x' && ...) {` is C-family code: cmd puts no comparison inside the parentheses of an operand.
    return false;
  }
  const op = words[k + 1]?.text.toLowerCase() ?? '';
  const second = words[k + 2]?.text ?? '';
  if ((op === '==' || op === '===' || COMPARISONS.has(op)) && second !== '' && !second.endsWith(':') && !second.endsWith('{')) {
    const action = words[k + 3]?.text ?? '';
    if (action.startsWith('{') || isCodeCondition(form, at, action)) {
      // `if (x.toUpperCase() === "A") {` opens a C-family block.
      return false;
    }
    return op.startsWith('=') ? !second.endsWith(')') || action !== '' : true;
  }
  return false;
}
