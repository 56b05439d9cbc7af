import { isHidingSpace } from './hiding-space.util.js';

describe('isHidingSpace', () => {
  it('is true for every non-ASCII character JavaScript reads as white space, and the zero-width ones', () => {
    for (let code = 0x80; code <= 0xffff; code++) {
      if (/\s/.test(String.fromCharCode(code))) {
        expect(isHidingSpace(code)).toBe(true);
      }
    }
    expect([0x180e, 0x200b, 0x200c, 0x200d, 0x2060].every(isHidingSpace)).toBe(true);
  });

  it('is false for ASCII, letters and marks', () => {
    expect([0x20, 0x09, 0x41, 0xad, 0xe9, 0x200e, 0xfffd].some(isHidingSpace)).toBe(false);
  });
});
