/** What one character can mean to the XSS screen; a table lookup keeps its pass over a form cheap. */
export const OTHER = 0;
export const LETTER = 1;
/** `<`, `` ` ``, `\` and the Latin-1 `¼ ¾` that 7-bit stripping turns into `< >`: every rule stays possible. */
export const MARKUP = 2;
export const AMPERSAND = 3;
export const SLASH = 4;
export const PLUS = 5;
export const BRACE = 6;
export const OPEN_BRACKET = 7;
export const CLOSE_BRACKET = 8;
export const SPACE = 9;
/** A quote or `=`: the value may write an attribute. */
export const ATTRIBUTE = 10;
export const COLON = 11;
export const PAREN = 12;

const LATIN1 = 0x100;

const TABLE: Uint8Array = (() => {
  const table = new Uint8Array(LATIN1);
  for (let code = 0x41; code <= 0x5a; code++) {
    table[code] = LETTER;
    table[code | 0x20] = LETTER;
  }
  const marks: [string, number][] = [
    ['<`\\\u00bc\u00be', MARKUP],
    ['&', AMPERSAND],
    ['/', SLASH],
    ['+', PLUS],
    ['{', BRACE],
    ['[', OPEN_BRACKET],
    [']', CLOSE_BRACKET],
    [' ', SPACE],
    ['"\'=', ATTRIBUTE],
    [':', COLON],
    ['(', PAREN],
  ];
  for (const [chars, kind] of marks) {
    for (const c of chars) {
      table[c.charCodeAt(0)] = kind;
    }
  }
  return table;
})();

export function screenChar(code: number): number {
  return code < LATIN1 ? (TABLE[code] ?? OTHER) : OTHER;
}
