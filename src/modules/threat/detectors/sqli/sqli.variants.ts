const isHex = (c: string): boolean => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

/**
 * Decodings only the SQLi detector needs: classic ASP drops a `%` that does not start a `%XX` escape, so
 * `%S%E%L%E%C%T` reaches the database as `SELECT` (sqlmap's `percentage` tamper); and a filter that deletes comments
 * before the query is built turns `uni/**\/on sel/**\/ect` into `union select`.
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
