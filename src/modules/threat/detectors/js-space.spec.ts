import { isJsSpace } from './js-space.js';

describe('isJsSpace', () => {
  it('agrees with /\\s/ on every UTF-16 code unit', () => {
    const disagreements: number[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      if (isJsSpace(code) !== /\s/.test(String.fromCharCode(code))) {
        disagreements.push(code);
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('is false past the end of a string', () => {
    expect(isJsSpace(''.charCodeAt(0))).toBe(false);
  });
});
