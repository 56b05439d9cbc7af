import { replaceEscapes } from './replace-escapes.util.js';
import { hexRun, hexValue } from './hex.util.js';

const MAX_HEX = 6;

function isCssSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\f';
}

/** The escape at `start` (a backslash): [text, characters consumed] or null for a backslash before a newline or the end. */
function escapeAt(s: string, start: number): [string, number] | null {
  let end = start + 1;
  while (end < s.length && end - start <= MAX_HEX && hexValue(s.charCodeAt(end)) >= 0) {
    end += 1;
  }
  if (end > start + 1) {
    const value = hexRun(s, start + 1, end - start - 1);
    // One whitespace after a hex escape belongs to it (CRLF counts as one).
    const spaceLength = s[end] === '\r' && s[end + 1] === '\n' ? 2 : isCssSpace(s[end]) ? 1 : 0;
    const valid = value > 0 && value <= 0x10ffff && (value < 0xd800 || value > 0xdfff);
    return [valid ? String.fromCodePoint(value) : '\ufffd', end - start + spaceLength];
  }
  const next = s[start + 1];
  if (next === undefined || next === '\n' || next === '\r' || next === '\f') {
    return null;
  }
  // Any other escaped character is itself: `ex\pression` is `expression`.
  return [next, 2];
}

/** Decodes CSS escapes: `\` + 1–6 hex digits + an optional whitespace, and `\` + any other character. */
export function decodeCssEscapes(input: string): string {
  return replaceEscapes(input, '\\', escapeAt);
}
