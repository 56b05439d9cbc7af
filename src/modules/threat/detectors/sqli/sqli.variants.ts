import { COMMON_SQL_FUNCTIONS, ERROR_FUNCTIONS, KEYWORDS, LOGIC_WORDS, SQL_ONLY_FUNCTIONS, STATEMENTS, SYSTEM_OBJECTS, TIME_FUNCTIONS } from './sqli.lexicon.js';

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
  const joined = form.includes('/*') || form.includes('<>') || form.includes('",') ? withSplitWordsJoined(form) : null;
  if (joined !== null) {
    variants.push(joined);
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

/** SQL's words, functions and system objects an attacker splits so that a filter's deletion joins them again. */
const SPLIT_WORDS = [KEYWORDS, LOGIC_WORDS, STATEMENTS, TIME_FUNCTIONS, ERROR_FUNCTIONS, SQL_ONLY_FUNCTIONS, COMMON_SQL_FUNCTIONS, SYSTEM_OBJECTS].flatMap((set) => [...set]);
/** Every prefix of SPLIT_WORDS (`u`, `un`, …, `union`): halves a split word is joined from. */
const WORD_PREFIXES: ReadonlySet<string> = new Set(SPLIT_WORDS.flatMap((word) => Array.from(word, (_, n) => word.slice(0, n + 1))));
const LONGEST_WORD = Math.max(...[...WORD_PREFIXES].map((prefix) => prefix.length));

/**
 * End of a comment, `<>` or a JSON item boundary (`","`, escaped `\",\"`) at `at`; -1 if none starts there, -2 if it
 * never ends. Not MySQL's version comment (`/*!50000union*\/`): its body runs, so it is not deleted text. The item
 * boundary splits a word across array items an application joins (`["un","ion se","lect 1"]`).
 */
function junkEnd(form: string, at: number): number {
  if (form.startsWith('<>', at)) {
    return at + 2;
  }
  if (form.startsWith('","', at)) {
    return at + 3;
  }
  if (form.startsWith('\\",\\"', at)) {
    return at + 5;
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
 * The form as a filter that deletes comments or `<>` before the query is built leaves it: `uni/**\/on sel/**\/ect`,
 * `un<>ion sel<>ect`, or as an application joining array items builds it (`un","ion se","lect`). Where comments also
 * stand between words (`/**\/UN/**\/ION/**\/SEL/**\/ECT/**\/password`), deleting every one between two letters would
 * run the words together (`UNIONSELECTpassword`), so one is deleted only where the letters on its two sides spell a
 * SQL word or its start, and read as a space elsewhere. Null when none is deleted.
 */
function withSplitWordsJoined(form: string): string | null {
  let out = '';
  let copied = 0;
  // The letters just before `i`, lower-cased; longer than any SQL word once a word outgrows them all.
  let run = '';
  let joined = false;
  for (let i = 0; i < form.length; i++) {
    const end = junkEnd(form, i);
    if (end === -2) {
      break;
    }
    if (end < 0) {
      const c = form.charAt(i);
      run = !isLetter(c) ? '' : run.length > LONGEST_WORD ? run : run + c.toLowerCase();
      continue;
    }
    if (run !== '' && isLetter(form.charAt(end))) {
      const spelled = WORD_PREFIXES.has(run + lettersAt(form, end));
      out += form.slice(copied, i) + (spelled ? '' : ' ');
      copied = end;
      joined ||= spelled;
      run = spelled ? run : '';
    } else {
      // A comment that stands apart is left as written, and skipped whole.
      run = '';
    }
    i = end - 1;
  }
  return joined ? out + form.slice(copied) : null;
}
