import { KEYWORDS, LOGIC_WORDS, STATEMENTS } from './sqli.lexicon.js';

const isHex = (c: string): boolean => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

/**
 * Decodings only the SQLi detector needs: classic ASP drops a `%` that does not start a `%XX` escape, so
 * `%S%E%L%E%C%T` reaches the database as `SELECT` (sqlmap's `percentage` tamper); and a filter that deletes comments
 * before the query is built turns `uni/**\/on sel/**\/ect` into `union select`, and one that deletes `<>` turns
 * `un<>ion` into `union`.
 */
export function sqliVariants(form: string): string[] {
  const variants: string[] = [];
  const percentDropped = withoutStrayPercents(form);
  if (percentDropped !== null) {
    variants.push(percentDropped);
  }
  const joined = withoutCommentsInWords(form);
  if (joined !== null) {
    variants.push(joined);
  }
  const split = form.includes('/*') || form.includes('<>') ? withSplitWordsJoined(form) : null;
  if (split !== null && split !== joined) {
    variants.push(split);
  }
  return variants;
}

function withoutStrayPercents(form: string): string | null {
  if (!form.includes('%')) {
    return null;
  }
  let stripped = '';
  let dropped = 0;
  for (let i = 0; i < form.length; i++) {
    const c = form.charAt(i);
    if (c === '%' && !(isHex(form.charAt(i + 1)) && isHex(form.charAt(i + 2)))) {
      dropped++;
      continue;
    }
    stripped += c;
  }
  return dropped > 0 ? stripped : null;
}

const isLetter = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

/** The form without the `/* *\/` comments that sit inside a word (a letter on each side); null if none does. */
function withoutCommentsInWords(form: string): string | null {
  let joined = '';
  let from = 0;
  let dropped = false;
  for (let open = form.indexOf('/*'); open >= 0; open = form.indexOf('/*', from)) {
    const close = form.indexOf('*/', open + 2);
    if (close < 0) {
      break;
    }
    // `/*!50000union*/` is MySQL's version comment: its body runs, so it is not deleted text.
    const inWord = form.charAt(open + 2) !== '!' && isLetter(form.charAt(open - 1)) && isLetter(form.charAt(close + 2));
    joined += form.slice(from, inWord ? open : close + 2);
    dropped ||= inWord;
    from = close + 2;
  }
  return dropped ? joined + form.slice(from) : null;
}

/** Every prefix of SQL's structural words (`u`, `un`, …, `union`): halves a split word is joined from. */
const WORD_PREFIXES: ReadonlySet<string> = new Set(
  [...KEYWORDS, ...LOGIC_WORDS, ...STATEMENTS].flatMap((word) => Array.from(word, (_, n) => word.slice(0, n + 1))),
);
const LONGEST_WORD = Math.max(...[...WORD_PREFIXES].map((prefix) => prefix.length));

/** End of a comment (not MySQL's `/*!` version comment) or `<>` at `at`; -1 if none starts there, -2 if it never ends. */
function junkEnd(form: string, at: number): number {
  if (form.startsWith('<>', at)) {
    return at + 2;
  }
  if (!form.startsWith('/*', at) || form.charAt(at + 2) === '!') {
    return -1;
  }
  const close = form.indexOf('*/', at + 2);
  return close < 0 ? -2 : close + 2;
}

function lettersAt(form: string, at: number): string {
  let end = at;
  while (end < form.length && end - at <= LONGEST_WORD && isLetter(form.charAt(end))) {
    end++;
  }
  return form.slice(at, end).toLowerCase();
}

/**
 * `/**\/UN/**\/ION/**\/SEL/**\/ECT/**\/password`, `un<>ion sel<>ect`: comments or `<>` splitting SQL's words, and
 * also standing between them. Deleting every one that sits between letters runs the words together
 * (`UNIONSELECTpassword`); here one is deleted only where the letters on its two sides spell a SQL word or its start,
 * and read as a space elsewhere. Null when none is deleted.
 */
function withSplitWordsJoined(form: string): string | null {
  let out = '';
  let copied = 0;
  // The letters just before `i`, lower-cased, as far as they could still spell a SQL word.
  let run = '';
  let joined = false;
  for (let i = 0; i < form.length; i++) {
    const end = run === '' ? -1 : junkEnd(form, i);
    if (end === -2) {
      break;
    }
    if (end > 0 && isLetter(form.charAt(end))) {
      const spelled = WORD_PREFIXES.has(run + lettersAt(form, end));
      out += form.slice(copied, i) + (spelled ? '' : ' ');
      joined ||= spelled;
      run = spelled ? run : '';
      copied = end;
      i = end - 1;
      continue;
    }
    const c = form.charAt(i);
    run = isLetter(c) && run.length <= LONGEST_WORD ? run + c.toLowerCase() : '';
    // A comment that stands apart is left as it is written, and skipped whole.
    const skip = junkEnd(form, i);
    i = isLetter(c) || skip < 0 ? i : skip - 1;
  }
  return joined ? out + form.slice(copied) : null;
}
