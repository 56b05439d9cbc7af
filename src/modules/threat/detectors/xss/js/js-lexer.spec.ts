import { lexJs } from './js-lexer.js';

const shape = (input: string): string[] => lexJs(input).tokens.map((t) => `${t.type}:${t.text}`);

describe('lexJs', () => {
  it('reads identifiers, numbers, punctuators and strings', () => {
    expect(shape(`alert(1, 'x', "y")`)).toEqual(['ident:alert', 'punct:(', 'number:1', 'punct:,', 'string:x', 'punct:,', 'string:y', 'punct:)']);
  });

  it('reads template literals as one token', () => {
    expect(shape('alert`1`')).toEqual(['ident:alert', 'template:1']);
  });

  it('skips comments and marks the next token as commented', () => {
    const tokens = lexJs('document/*x*/.cookie // rest').tokens;
    expect(tokens.map((t) => t.text)).toEqual(['document', '.', 'cookie']);
    expect(tokens[1]?.commented).toBe(true);
  });

  it('marks tokens that start a line', () => {
    expect(lexJs('a b\nc // x\nd').tokens.map((t) => t.newline)).toEqual([true, false, true, true]);
    expect(lexJs("x';y", 2).tokens[0]?.newline).toBe(false);
  });

  it('ends a line comment at any line terminator, a lone CR and U+2028 included', () => {
    expect(shape('// x\ra // y\u2028b // z\u2029c <!-- w\rd')).toEqual(['ident:a', 'ident:b', 'ident:c', 'ident:d']);
  });

  it('treats // after a colon as part of a URL, not a comment', () => {
    expect(shape('https://e.com/x;eval(1)')).toContain('ident:eval');
  });

  it('honours backslash escapes inside strings and runs unterminated strings to the end', () => {
    expect(shape(`'a\\'b' "open`)).toEqual([`string:a\\'b`, 'string:open']);
  });

  it('starts at the given offset', () => {
    expect(shape('ignored; x')[0]).toBe('ident:ignored');
    expect(lexJs('ignored; x', 8).tokens.map((t) => t.text)).toEqual(['x']);
  });
});
