import { tokenize } from './sqli.tokenizer.js';
import { fingerprint } from './sqli.tokens.js';

const types = (input: string, context: '' | "'" | '"' | '`' = '') => tokenize(input, context).map((t) => t.type);
const texts = (input: string) => tokenize(input).map((t) => t.text);

describe('SQL tokenizer', () => {
  it('reads single- and double-quoted strings, with doubled-quote and backslash escapes', () => {
    const tokens = tokenize(`'it''s' "a\\"b"`);
    expect(tokens.map((t) => [t.type, t.text, t.closed])).toEqual([
      ['string', "it''s", true],
      ['string', 'a\\"b', true],
    ]);
  });

  it("reads PostgreSQL's dollar-quoted strings, and leaves `$1` parameters and unclosed dollars as operators", () => {
    expect(tokenize('$$a b$$ $q$it\'s$q$ $tag_2$x$tag_2$').map((t) => [t.type, t.text])).toEqual([
      ['string', 'a b'],
      ['string', "it's"],
      ['string', 'x'],
    ]);
    expect(types('$1 = $$a')).toEqual(['operator', 'number', 'operator', 'operator', 'operator', 'word']);
    expect(types('$1a$ x $1a$')[0]).toBe('operator');
  });

  it('stops searching for closing dollar quotes after a few unclosed ones, so the scan stays linear', () => {
    const unclosed = Array.from({ length: 20 }, (_, i) => `$t${i}$`).join(' ');
    expect(tokenize(`${unclosed} $$a$$`).filter((t) => t.type === 'string')).toEqual([]);
    expect(tokenize('$x$ $y$ $$a$$').filter((t) => t.type === 'string').map((t) => t.text)).toEqual(['a']);
  });

  it('marks an unterminated string as not closed', () => {
    expect(tokenize("'abc")[0]).toMatchObject({ type: 'string', text: 'abc', closed: false });
  });

  it('reads backtick and [bracketed] identifiers, and a lone [ as an operator', () => {
    expect(tokenize('`users` [dbo]').map((t) => [t.type, t.text])).toEqual([
      ['identifier', 'users'],
      ['identifier', 'dbo'],
    ]);
    expect(types('[1, 2]')).toEqual(['operator', 'number', 'comma', 'number', 'operator']);
  });

  it('reads decimal, hex, binary and exponent numbers, and typed literals', () => {
    expect(texts('12 0x41ff 0b101 1.5e-3 .5')).toEqual(['12', '0x41ff', '0b101', '1.5e-3', '.5']);
    expect(types("x'41' N'abc'")).toEqual(['number', 'string']);
  });

  it('reads --, # and /* */ comments', () => {
    expect(types('1 -- rest')).toEqual(['number', 'comment']);
    expect(types('1 # rest\n2')).toEqual(['number', 'comment', 'number']);
    expect(types('1 /* x */ 2')).toEqual(['number', 'comment', 'number']);
  });

  it('tokenizes the body of a MySQL version comment as SQL', () => {
    const tokens = tokenize('/*!50000union*/ /*!select*/ 1');
    expect(tokens.map((t) => [t.type, t.text])).toEqual([
      ['comment', '/*!50000'],
      ['keyword', 'union'],
      ['comment', '/*!'],
      ['keyword', 'select'],
      ['number', '1'],
    ]);
    expect(tokens[0]?.version).toBe(true);
  });

  it('does not read an HTML entity or a PostgreSQL #> operator as a # comment', () => {
    expect(types('80&#039;s')).not.toContain('comment');
    expect(tokenize("j #> '{a}'")[1]).toMatchObject({ type: 'operator', text: '#>' });
  });

  it('classifies keywords, logic words and symbols, functions and variables', () => {
    expect(fingerprint(tokenize('SELECT a FROM t WHERE x=1 AND y || @v OR @@version'))).toBe('knknkno1&n&v&v');
    expect(tokenize('sleep (5)')[0]).toMatchObject({ type: 'function', text: 'sleep' });
    expect(tokenize('char/**/(65)')[0]).toMatchObject({ type: 'function', text: 'char' });
  });

  it('reads multi-character operators as one token', () => {
    expect(texts('a<=>b c<>d e!=f g:=h i::int j->>k')).toEqual(['a', '<=>', 'b', 'c', '<>', 'd', 'e', '!=', 'f', 'g', ':=', 'h', 'i', '::', 'int', 'j', '->>', 'k']);
  });

  it('joins qualified names with dots, but splits MySQL\'s `select.2` into a keyword and a number', () => {
    expect(texts('information_schema.tables')).toEqual(['information_schema.tables']);
    expect(types('select.2alias')).toEqual(['keyword', 'number', 'word']);
  });

  it('reads parentheses, commas and semicolons', () => {
    expect(types('(1,2);')).toEqual(['lparen', 'number', 'comma', 'number', 'rparen', 'semicolon']);
  });

  it('treats MySQL whitespace (\\v, NBSP) as separators', () => {
    expect(types('union\u000bselect\u00a01')).toEqual(['keyword', 'keyword', 'number']);
  });

  it("in a quoted context, starts inside the application's string literal", () => {
    expect(tokenize("admin' or 1=1", "'").map((t) => [t.type, t.text])).toEqual([
      ['string', 'admin'],
      ['logic', 'or'],
      ['number', '1'],
      ['operator', '='],
      ['number', '1'],
    ]);
    expect(tokenize('x" --', '"')[0]).toMatchObject({ type: 'string', closed: true });
    expect(tokenize('col` from', '`')[0]).toMatchObject({ type: 'identifier', closed: true });
    expect(tokenize('no quote here', "'")).toEqual([{ type: 'string', text: 'no quote here', closed: false, start: 0 }]);
  });
});
