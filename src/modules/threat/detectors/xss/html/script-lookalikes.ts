import { type HtmlTag } from './html-tokenizer.js';

/** Characters of a sentence after a tag named in it; script needs others (`( ) = ; [ +`, digits, quotes). */
const PROSE_PUNCTUATION = new Set([' ', ',', '.', '!', '?', "'", '-']);

/**
 * "the <script> tag is dangerous", "via `<script>` tags": a bare tag followed by words and nothing else (or, inside a
 * markdown code span, by nothing at all) is text about the tag. Script or CSS after it has punctuation, a single
 * identifier (`<script>alert`) or another tag (`</script>`).
 */
export function namedInProse(tag: HtmlTag, input: string): boolean {
  if (tag.attributes.length > 0 || tag.end === 0 || input.charAt(tag.end - 1) !== '>' || input.includes('<', tag.end)) {
    return false;
  }
  const start = tag.end - tag.name.length - 2;
  const inCodeSpan = input.charAt(start) === '<' && input.charAt(start - 1) === '`' && input.charAt(tag.end) === '`';
  let words = 0;
  let inWord = false;
  for (let i = inCodeSpan ? tag.end + 1 : tag.end; i < input.length; i++) {
    const c = input.charAt(i);
    const letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (letter && !inWord) {
      words++;
    }
    inWord = letter;
    if (!letter && !PROSE_PUNCTUATION.has(c) && !(inCodeSpan && c === '`')) {
      return false;
    }
  }
  return inCodeSpan || words >= 2;
}

const skipBlanksBack = (input: string, at: number): number => {
  let i = at;
  while (i > 0 && (input.charAt(i - 1) === ' ' || input.charAt(i - 1) === '\t')) {
    i--;
  }
  return i;
};

/**
 * `var onExit = require(…)`, `const onClick = …` opening a statement: a script variable named like a handler, not an
 * attribute. After a quote (`" var onfocus=…`) the words are attributes again.
 */
export function declaredInScript(input: string, start: number): boolean {
  const end = skipBlanksBack(input, start);
  const keyword = ['var', 'let', 'const'].find((k) => end >= k.length && input.slice(end - k.length, end) === k);
  if (end === start || keyword === undefined) {
    return false;
  }
  const before = skipBlanksBack(input, end - keyword.length);
  return before === 0 || '\n\r;{}('.includes(input.charAt(before - 1));
}

/** `alert(1)`, `(alert)(1)`, `[1].map(alert)`: a `(` after a name or a bracket calls; `onClick = () => …` only declares. */
export function callsSomething(value: string): boolean {
  for (let i = value.indexOf('(', 1); i > 0; i = value.indexOf('(', i + 1)) {
    if (endsCallee(value.charAt(i - 1)) || (value.startsWith('*/', i - 2) && commentAfterCallee(value, i - 2))) {
      return true;
    }
  }
  return false;
}

function endsCallee(c: string): boolean {
  return c === ')' || c === ']' || c === '$' || c === '_' || /[\p{L}\p{N}]/u.test(c);
}

/** How long a comment between a callee and its parenthesis may be: the backward search stays linear. */
const MAX_CALL_COMMENT = 64;

/** `confirm/**\/(1)`: a short block comment between the callee and its parenthesis, which only code writes. */
function commentAfterCallee(value: string, close: number): boolean {
  for (let open = close - 2; open > 0 && close - open <= MAX_CALL_COMMENT; open--) {
    if (value.startsWith('/*', open)) {
      return endsCallee(value.charAt(open - 1));
    }
  }
  return false;
}

/** JSX `onClick={handleClick}`: a bare name in braces evaluates the name and calls nothing. */
export function jsxBinding(value: string): boolean {
  return /^\{[\w.]+\}$/.test(value.trim());
}
