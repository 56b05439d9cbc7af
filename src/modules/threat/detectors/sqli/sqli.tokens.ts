/** Token kinds of the SQL tokenizer; a fingerprint is the sequence of kinds. */
export type SqlTokenType =
  | 'string'
  | 'number'
  | 'word'
  | 'keyword'
  | 'function'
  | 'variable'
  | 'operator'
  | 'logic'
  | 'comment'
  | 'lparen'
  | 'rparen'
  | 'comma'
  | 'semicolon'
  | 'identifier';

export interface SqlToken {
  type: SqlTokenType;
  /** Lower-cased for words; the body for strings and comments. */
  text: string;
  /** Strings: whether the closing quote was seen. Comments: `/*!` version comments are marked `version`. */
  closed: boolean;
  version?: boolean;
  /** Offset in the tokenized input, for fragments. */
  start: number;
}

/** Where the value sits in the query it is spliced into: bare, or after an opening ', " or ` (MySQL identifier). */
export type SqlContext = '' | "'" | '"' | '`';

/** Single-letter code per kind, libinjection-style, for documentation and debugging. */
export const TOKEN_CODE: Record<SqlTokenType, string> = {
  string: 's',
  number: '1',
  word: 'n',
  keyword: 'k',
  function: 'f',
  variable: 'v',
  operator: 'o',
  logic: '&',
  comment: 'c',
  lparen: '(',
  rparen: ')',
  comma: ',',
  semicolon: ';',
  identifier: 'i',
};

export function fingerprint(tokens: readonly SqlToken[]): string {
  return tokens.map((t) => TOKEN_CODE[t.type]).join('');
}
