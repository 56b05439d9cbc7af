/**
 * `;id\n`, `\n/bin/ls -al\n`: line breaks written as escapes, for the many places that expand them (`echo -e`,
 * `printf`, JSON and PHP strings). Read as a second form only: inside a word the shell reads `\n` as `n` (`u\name`).
 */
const ESCAPED_BREAK = /\\[nr]/;
const ESCAPED_BREAK_OR_TEXT = /\\[nr]|[^\s'"]/g;

/**
 * The form with escapes that open or close it as line breaks and the others as spaces (they only end a word:
 * `Interface\n(start / stop)` is a diagram label, `\nid\n` a probe on a line of its own); null without such escapes.
 */
export function expandEscapedBreaks(form: string): string | null {
  if (!ESCAPED_BREAK.test(form)) {
    return null;
  }
  const tail = trailingBreaksStart(form);
  let opening = true;
  return form.replace(ESCAPED_BREAK_OR_TEXT, (found, at: number) => {
    if (found.length === 2) {
      return opening || at >= tail ? '\n' : ' ';
    }
    opening = false;
    return found;
  });
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
