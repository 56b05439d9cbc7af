import { KEYWORDS, LOGIC_WORDS } from './sqli.lexicon.js';
import { dollarDelimiterAt, isDigit, isSpace, isWordChar, multiOperatorAt, scanNumber, scanQuoted } from './sqli.scanners.js';
import { type SqlContext, type SqlToken, type SqlTokenType } from './sqli.tokens.js';
import { WordMap } from './sqli.word-map.js';

/** One lookup per word: its token type when it is a logic word or keyword. */
const WORD_TYPES = new WordMap<SqlTokenType>([...[...KEYWORDS].map((w): [string, SqlTokenType] => [w, 'keyword']), ...[...LOGIC_WORDS].map((w): [string, SqlTokenType] => [w, 'logic'])]);
/** Prefixes that turn a following quoted literal into a typed literal (N'..', X'..', B'..', E'..', _utf8'..'). */
/** A Java method by its qualified name (`java.lang.Math.abs`): three to seven dotted names of up to 32 characters. */
const JAVA_METHOD = /^[A-Za-z_]\w{0,31}(?:\.[A-Za-z_]\w{0,31}){2,6}$/;
const LITERAL_PREFIXES: ReadonlySet<string> = new Set(['n', 'x', 'b', 'e', '_utf8', '_utf8mb4', '_latin1', '_binary', 'u&']);
/**
 * Unclosed dollar quotes searched for before `$` reverts to an operator: each search reads the rest of the input, so
 * a budget keeps `$a$ $b$ $c$…` linear.
 */
const DOLLAR_SEARCHES = 4;

/** Reads the word at `i` (or the typed literal it prefixes: N'..', X'..') into `tokens`; returns the index after it. */
function readWord(input: string, i: number, tokens: SqlToken[]): number {
  let j = i + 1;
  // A dot joins qualified names (schema.table) but MySQL reads `select.2` as SELECT then the number .2.
  while (j < input.length && isWordChar(input.charCodeAt(j)) && !(input.charCodeAt(j) === 0x2e && isDigit(input.charCodeAt(j + 1)))) {
    j++;
  }
  const word = input.slice(i, j).toLowerCase();
  const quote = input.charCodeAt(j);
  // Only a closed literal is typed: in "a' or b'" the b is a word and the quote the application's own.
  const end = (quote === 0x27 || quote === 0x22) && LITERAL_PREFIXES.has(word) ? scanQuoted(input, j + 1, input.charAt(j)) : -1;
  if (end >= 0) {
    tokens.push({ type: word === 'x' || word === 'b' ? 'number' : 'string', text: input.slice(j + 1, end - 1), closed: true, start: i });
    return end;
  }
  tokens.push({ type: WORD_TYPES.get(word) ?? 'word', text: word, closed: true, start: i });
  return j;
}

/**
 * Splits `input` into SQL tokens as a database would read it after the application spliced it in: bare, or after an
 * opening quote (then the first token is the rest of that string literal). One pass over the characters; every
 * token consumes at least one character, so the token count never exceeds the input length plus one.
 */
export function tokenize(input: string, context: SqlContext = ''): SqlToken[] {
  const tokens: SqlToken[] = [];
  const push = (type: SqlTokenType, text: string, start: number, closed = true): void => {
    tokens.push({ type, text, closed, start });
  };
  let i = 0;
  let sawBinary = false;
  let dollarSearches = DOLLAR_SEARCHES;
  if (context !== '') {
    const end = scanQuoted(input, 0, context);
    push(context === '`' ? 'identifier' : 'string', input.slice(0, end < 0 ? input.length : end - 1), 0, end >= 0);
    i = end < 0 ? input.length : end;
  }
  while (i < input.length) {
    const code = input.charCodeAt(i);
    // Words first, the commonest token: no other branch starts on a letter, `_` or a non-ASCII word character.
    if (isWordChar(code) && !isDigit(code) && code !== 0x2e && code !== 0x24) {
      i = readWord(input, i, tokens);
      sawBinary ||= isBinaryWord(tokens[tokens.length - 1]);
      continue;
    }
    if (isSpace(code)) {
      i++;
      continue;
    }
    const ch = input.charAt(i);
    const next = input[i + 1] ?? '';
    if (ch === "'" || ch === '"') {
      const end = scanQuoted(input, i + 1, ch);
      const body = input.slice(i + 1, end < 0 ? input.length : end - 1);
      if (ch === '"' && end >= 0 && input.charAt(end) === '(' && JAVA_METHOD.test(body)) {
        // HSQLDB calls a Java method through its quoted name: `"java.lang.Thread.sleep"(5000)`.
        push('function', body.toLowerCase(), i);
        i = end;
        continue;
      }
      push('string', body, i, end >= 0);
      i = end < 0 ? input.length : end;
      continue;
    }
    if (ch === '`') {
      const end = input.indexOf('`', i + 1);
      push('identifier', input.slice(i + 1, end < 0 ? input.length : end).toLowerCase(), i, end >= 0);
      i = end < 0 ? input.length : end + 1;
      continue;
    }
    if (ch === '[') {
      // Bounded look-ahead: an unclosed `[` must not make every later `[` rescan the rest of the input.
      const end = input.slice(i + 1, i + 130).indexOf(']') + (i + 1);
      const body = end <= i ? '' : input.slice(i + 1, end);
      if (end > i + 1 && /^[A-Za-z_][\w $#@]*$/.test(body) && body.length <= 128) {
        push('identifier', body.toLowerCase(), i);
        i = end + 1;
        continue;
      }
      push('operator', '[', i);
      i++;
      continue;
    }
    if (ch === '/' && next === '*') {
      const end = input.indexOf('*/', i + 2);
      if (input[i + 2] === '!') {
        // MySQL executes the body of /*!NNNNN ... */: skip the marker and tokenize what is inside.
        let j = i + 3;
        while (j < input.length && isDigit(input.charCodeAt(j))) {
          j++;
        }
        tokens.push({ type: 'comment', text: input.slice(i, j), closed: true, version: true, start: i });
        i = j;
        continue;
      }
      push('comment', input.slice(i + 2, end < 0 ? input.length : end), i, end >= 0);
      i = end < 0 ? input.length : end + 2;
      continue;
    }
    if (ch === '*' && next === '/') {
      // The end of a version comment whose start was consumed above.
      i += 2;
      continue;
    }
    // `&#039;` is an HTML entity, not a MySQL comment; `#>` is a PostgreSQL JSON operator.
    if ((ch === '-' && next === '-') || (ch === '#' && next !== '>' && input[i - 1] !== '&')) {
      const end = input.indexOf('\n', i);
      push('comment', input.slice(i, end < 0 ? input.length : end), i);
      i = end < 0 ? input.length : end + 1;
      continue;
    }
    if (isDigit(code) || (ch === '.' && isDigit(input.charCodeAt(i + 1)))) {
      const end = scanNumber(input, i);
      const bareExponent = bareExponentEnd(input, end);
      if (bareExponent > 0) {
        // `SLEEP 1.e(5 1.e)`: MySQL reads a number with a bare exponent before `(`, `)` or `,` as nothing (sqlmap's
        // scientific tamper), so the call is `SLEEP(5)`.
        i = bareExponent;
        continue;
      }
      push('number', input.slice(i, end).toLowerCase(), i);
      i = end;
      continue;
    }
    if (ch === '@') {
      let j = i + 1;
      if (input[j] === '@') {
        j++;
      }
      while (j < input.length && isWordChar(input.charCodeAt(j))) {
        j++;
      }
      push('variable', input.slice(i, j).toLowerCase(), i);
      i = j;
      continue;
    }
    if (ch === '$' && dollarSearches > 0) {
      // PostgreSQL's dollar-quoted string (`$$a$$`, `$q$a$q$`): a literal when its delimiter closes it.
      const open = dollarDelimiterAt(input, i);
      const end = open > 0 ? input.indexOf(input.slice(i, i + open), i + open) : -1;
      if (end >= 0) {
        push('string', input.slice(i + open, end), i);
        i = end + open;
        continue;
      }
      dollarSearches -= open > 0 ? 1 : 0;
    }
    if (ch === '(') {
      push('lparen', ch, i);
      i++;
      continue;
    }
    if (ch === ')') {
      push('rparen', ch, i);
      i++;
      continue;
    }
    if (ch === ',') {
      push('comma', ch, i);
      i++;
      continue;
    }
    if (ch === ';') {
      push('semicolon', ch, i);
      i++;
      continue;
    }
    if ((ch === '|' && next === '|') || (ch === '&' && next === '&')) {
      push('logic', ch + next, i);
      i += 2;
      continue;
    }
    const multi = multiOperatorAt(input, i);
    if (multi !== '') {
      push('operator', multi, i);
      i += multi.length;
      continue;
    }
    push('operator', ch, i);
    i++;
  }
  const unprefixed = sawBinary ? withoutBinaryPrefixes(tokens) : tokens;
  markFunctions(unprefixed);
  return unprefixed;
}

function isBinaryWord(token: SqlToken | undefined): boolean {
  return token !== undefined && token.text.length === 6 && token.text === 'binary' && token.type !== 'string';
}

/** Index after `.e` that ends a number at `end` (`1.e`) when `(`, `)` or `,` follows at once; 0 otherwise. */
function bareExponentEnd(input: string, end: number): number {
  const after = input.charAt(end);
  if (input.charAt(end - 1) !== '.' || (after !== 'e' && after !== 'E')) {
    return 0;
  }
  const next = input.charAt(end + 1);
  return next === '(' || next === ')' || next === ',' ? end + 1 : 0;
}

/** MySQL's `BINARY` before an operand only casts it: `AND binary 1=binary 1` is `AND 1=1` (sqlmap's binary tamper). */
function withoutBinaryPrefixes(tokens: SqlToken[]): SqlToken[] {
  return tokens.filter((t, k) => {
    const next = tokens[k + 1];
    return !(isBinaryWord(t) && next !== undefined && (next.type === 'number' || next.type === 'string' || next.text === 'null'));
  });
}

/** A word or keyword directly followed by `(` (comments between allowed) is a call. */
function markFunctions(tokens: SqlToken[]): void {
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t === undefined || (t.type !== 'word' && t.type !== 'keyword' && t.type !== 'identifier')) {
      continue;
    }
    let j = k + 1;
    while (tokens[j]?.type === 'comment') {
      j++;
    }
    if (tokens[j]?.type === 'lparen') {
      t.type = 'function';
    }
  }
}
