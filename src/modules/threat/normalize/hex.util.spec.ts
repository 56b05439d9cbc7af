import { hexRun, hexValue } from './hex.util.js';

describe('hexValue', () => {
  it('reads digits and letters in either case, and nothing else', () => {
    expect(['0', '9', 'a', 'F'].map((ch) => hexValue(ch.charCodeAt(0)))).toEqual([0, 9, 10, 15]);
    expect(['g', 'G', '/', ':', '@', '`'].map((ch) => hexValue(ch.charCodeAt(0)))).toEqual([-1, -1, -1, -1, -1, -1]);
  });
});

describe('hexRun', () => {
  it('reads exactly the digits asked for', () => {
    expect(hexRun('x3Cz', 1, 2)).toBe(0x3c);
  });

  it('is -1 when a digit is missing or not hex', () => {
    expect(hexRun('3', 0, 2)).toBe(-1);
    expect(hexRun('3g', 0, 2)).toBe(-1);
  });
});
