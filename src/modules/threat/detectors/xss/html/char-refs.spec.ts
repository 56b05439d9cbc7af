import { decodeCharRefs } from './char-refs.js';

describe('decodeCharRefs', () => {
  it.each([
    ['&#106;avascript', 'javascript'],
    ['&#0000106avascript', 'javascript'],
    ['&#x6A;&#X61;', 'ja'],
    ['java&#x09;script&colon;', 'java\tscript:'],
    ['a&NewLine;b&Tab;c&tab;', 'a\nb\tc\t'],
    ['&lt;b&gt;', '<b>'],
  ])('decodes %j', (input, expected) => {
    expect(decodeCharRefs(input)).toBe(expected);
  });

  it('turns &#0; into the replacement character', () => {
    expect(decodeCharRefs('j&#0;a')).toBe('j\ufffda');
  });

  it.each(['AT&T', 'a & b', '&unknown;', '&#;', '&#x;'])('leaves %j alone', (input) => {
    expect(decodeCharRefs(input)).toBe(input);
  });
});
