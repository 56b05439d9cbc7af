const isHex = (c: string): boolean => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

/**
 * Decodings only the SQLi detector needs: classic ASP drops a `%` that does not start a `%XX` escape, so
 * `%S%E%L%E%C%T` reaches the database as `SELECT` (sqlmap's `percentage` tamper).
 */
export function sqliVariants(form: string): string[] {
  if (!form.includes('%')) {
    return [];
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
  return dropped > 0 ? [stripped] : [];
}
