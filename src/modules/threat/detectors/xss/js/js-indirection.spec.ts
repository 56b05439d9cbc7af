import { opensGlobalScope, regexSourceName } from './js-indirection.js';
import { lexJs } from './js-lexer.js';

const tokens = (input: string) => lexJs(input).tokens;

describe('opensGlobalScope', () => {
  it.each(['with(location)', 'with (document) x', 'with(top)'])('sees a with statement over a global object in %j', (input) => {
    expect(opensGlobalScope(tokens(input), 0)).toBe(true);
  });

  it.each(['with(obj)', 'with(location.hash)', 'width(location)', 'with location'])('ignores %j', (input) => {
    expect(opensGlobalScope(tokens(input), 0)).toBe(false);
  });
});

describe('regexSourceName', () => {
  it('joins the sources of regex literals added together', () => {
    expect(regexSourceName(tokens('/ev/.source+/al/.source'), 0)).toBe('eval');
    expect(regexSourceName(tokens('/al/.source + /e/.source + /rt/.source;x'), 0)).toBe('alert');
  });

  it('reads one literal alone, and nothing where no literal starts', () => {
    expect(regexSourceName(tokens('/ab/.source'), 0)).toBe('ab');
    expect(regexSourceName(tokens('a / b / c'), 1)).toBe('');
    expect(regexSourceName(tokens('/ab/.flags+/cd/.source'), 0)).toBe('');
  });

  it('stops after eight pieces, so a long chain costs a bounded scan', () => {
    const chain = Array.from({ length: 20 }, () => '/a/.source').join('+');
    expect(regexSourceName(tokens(chain), 0)).toBe('a'.repeat(8));
  });
});
