import { SPACED_TAG_NAMES } from './tag-tables.js';

const MAX_SPELLING = 24;

/** `<f o r m`, `<s c r i p t`: a dangerous element name spelled with whitespace between its letters. */
export function findSpacedTag(input: string): string | null {
  let from = 0;
  for (;;) {
    const open = input.indexOf('<', from);
    if (open < 0) {
      return null;
    }
    let letters = '';
    let gaps = 0;
    let j = open + 1;
    while (j < input.length && j - open <= MAX_SPELLING) {
      const c = input.charAt(j).toLowerCase();
      if (c >= 'a' && c <= 'z') {
        letters += c;
      } else if ((c === ' ' || c === '\t') && letters !== '') {
        gaps++;
      } else {
        break;
      }
      j++;
    }
    if (gaps >= 2 && SPACED_TAG_NAMES.some((name) => letters === name)) {
      return input.slice(open, j);
    }
    from = open + 1;
  }
}
