/**
 * `;id\n`, `\n/bin/ls -al\n`: line breaks written as escapes, for the many places that expand them (`echo -e`,
 * `printf`, JSON and PHP strings). Read as a second form only: inside a word the shell reads `\n` as `n` (`u\name`).
 */
import { commandStrength } from './command-words.js';

const ESCAPED_BREAK = /\\[nr]/;
/** A terminal control sequence written as escapes: `\033[2A` moves the cursor up two lines, so a log viewer hides a line. */
const TERMINAL_SEQUENCE = String.raw`\\(?:033|x1[bB]|e|u001[bB])\[[0-9;]{0,8}[A-Za-z]`;
/** An escaped break, a terminal control sequence, or any other character that is not a space or quote. */
const ESCAPED_BREAK_OR_TEXT = new RegExp(String.raw`\\[nr]|${TERMINAL_SEQUENCE}|[^\s'"]`, 'g');
const WORD_AFTER = new RegExp(String.raw`^(?:${TERMINAL_SEQUENCE})*([A-Za-z0-9_.-]{1,32})`);

/**
 * The form with escapes that open or close it as line breaks, or stand before a distinctive command, and the others as
 * spaces (they only end a word: `Interface\n(start / stop)` is a diagram label, `\nid\n` a probe on a line of its own);
 * terminal control sequences written as escapes are dropped. Null without escaped breaks.
 */
export function expandEscapedBreaks(form: string): string | null {
  if (!ESCAPED_BREAK.test(form)) {
    return null;
  }
  const tail = trailingBreaksStart(form);
  let opening = true;
  return form.replace(ESCAPED_BREAK_OR_TEXT, (found, at: number) => {
    if (found.length === 2) {
      return opening || at >= tail || distinctiveCommandAt(form, at + 2) ? '\n' : ' ';
    }
    if (found.length > 2) {
      return '';
    }
    opening = false;
    return found;
  });
}

/** `\ncurl https://…`, `\n\033[2Awget …`: an escaped break in the middle is a line break before a command no prose names. */
function distinctiveCommandAt(form: string, at: number): boolean {
  const word = WORD_AFTER.exec(form.slice(at, at + 64))?.[1];
  return word !== undefined && commandStrength(word) === 'distinctive';
}

/** Where the run of escaped breaks, spaces and quotes that ends `form` starts. */
function trailingBreaksStart(form: string): number {
  let at = form.length;
  for (;;) {
    const before = form.charAt(at - 1);
    if (/[\s'"]/.test(before)) {
      at--;
    } else if ((before === 'n' || before === 'r') && form.charAt(at - 2) === '\\') {
      at -= 2;
    } else {
      return at;
    }
  }
}
