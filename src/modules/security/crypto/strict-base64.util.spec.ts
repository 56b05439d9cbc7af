import { decodeBase64Strict, encodeBase64 } from './strict-base64.util.js';

describe('strict base64', () => {
  describe('encodeBase64', () => {
    it.each([
      [0, ''],
      [1, '_w=='],
      [2, '__8='],
      [3, '____'],
    ])('pads %i bytes of 0xff in base64url', (length, text) => {
      expect(encodeBase64(Buffer.alloc(length, 0xff), 'base64url')).toBe(text);
    });

    it('uses + and / in the standard alphabet', () => {
      expect(encodeBase64(Buffer.from([0xfb, 0xff]), 'base64')).toBe('+/8=');
    });

    it('encodes a view into a larger buffer by its own bytes only', () => {
      const whole = Buffer.from([1, 2, 3, 4, 5]);
      expect(encodeBase64(whole.subarray(1, 3), 'base64url')).toBe(Buffer.from([2, 3]).toString('base64'));
    });
  });

  describe('decodeBase64Strict', () => {
    it('round-trips every length of random bytes in both alphabets', () => {
      for (let length = 0; length < 40; length += 1) {
        const bytes = Buffer.from(Array.from({ length }, (_, index) => (index * 37 + 250) % 256));
        expect(decodeBase64Strict(encodeBase64(bytes, 'base64url'), 'base64url')).toEqual(bytes);
        expect(decodeBase64Strict(encodeBase64(bytes, 'base64'), 'base64')).toEqual(bytes);
      }
    });

    it.each([
      ['missing padding', '_w'],
      ['too much padding', '_w==='],
      ['padding in the middle', '_w==_w=='],
      ['a length of 4n+1', 'AAAAA'],
      ['a character Node skips', 'AA.A'],
      ['a space', 'AA AA==='],
      ['a trailing newline', 'AAAA\n'],
      ['a percent sign', '%%%%'],
      ['non-zero trailing bits', '_x=='],
      ['non-zero trailing bits before one pad', '__9='],
      ['the standard alphabet', '+/8='],
      ['non-ASCII digits', 'AAA٣'],
    ])('refuses base64url with %s', (_case, text) => {
      expect(decodeBase64Strict(text, 'base64url')).toBeUndefined();
    });

    it('refuses the base64url alphabet where standard base64 is expected', () => {
      expect(decodeBase64Strict('-_8=', 'base64')).toBeUndefined();
      expect(decodeBase64Strict('+/8=', 'base64')).toEqual(Buffer.from([0xfb, 0xff]));
    });

    it('accepts the empty text as zero bytes', () => {
      expect(decodeBase64Strict('', 'base64url')).toEqual(Buffer.alloc(0));
    });

    it('shows what it guards against: Node alone accepts the same inputs silently', () => {
      expect(Buffer.from('_x==', 'base64url')).toEqual(Buffer.from([0xff]));
      expect(Buffer.from('A.AAA', 'base64url')).toHaveLength(3);
    });
  });
});
