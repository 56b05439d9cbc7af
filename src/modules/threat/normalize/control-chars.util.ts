/**
 * Removes NUL and other control characters and invisible format characters (zero-width space and joiners, BOM,
 * soft hyphen, bidi controls) that split keywords (`java\0script`, `se\u200blect`) for a filter but not for every
 * parser. Tab, LF and CR are kept because CRLF injection needs them seen; vertical tab and form feed, which HTML, SQL
 * and shells treat as whitespace, become spaces so they keep separating tokens.
 */
export function removeControlChars(input: string): string {
  let out = '';
  let last = 0;
  for (let i = 0; i < input.length; i++) {
    const code = input.charCodeAt(i);
    const replacement = replacementFor(code);
    if (replacement !== null) {
      out += input.slice(last, i) + replacement;
      last = i + 1;
    }
  }
  return last === 0 ? input : out + input.slice(last);
}

function replacementFor(code: number): string | null {
  if (code === 0x09 || code === 0x0a || code === 0x0d) {
    return null;
  }
  if (code === 0x0b || code === 0x0c) {
    return ' ';
  }
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) {
    return '';
  }
  // Bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069, U+061C) and the invisible operators
  // (U+2061-U+2064) are as invisible: `<\u202escript>` is `<script>` to a filter that drops them.
  const invisible = code === 0x00ad || (code >= 0x200b && code <= 0x200f) || (code >= 0x202a && code <= 0x202e) || (code >= 0x2060 && code <= 0x2069) || code === 0x061c || code === 0xfeff;
  return invisible ? '' : null;
}
