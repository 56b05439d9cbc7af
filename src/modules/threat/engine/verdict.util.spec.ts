import { DEFAULT_BLOCKING_THRESHOLD, verdict } from './verdict.util.js';

describe('verdict', () => {
  it('is malicious from the threshold on, clean below it', () => {
    expect(verdict(4, 5)).toBe('clean');
    expect(verdict(5, 5)).toBe('malicious');
    expect(verdict(9, 5)).toBe('malicious');
  });

  it('defaults to the CRS threshold of 5', () => {
    expect(DEFAULT_BLOCKING_THRESHOLD).toBe(5);
    expect(verdict(4)).toBe('clean');
    expect(verdict(5)).toBe('malicious');
  });

  it('rejects thresholds that would flag requests without matches', () => {
    expect(() => verdict(0, 0)).toThrow(RangeError);
    expect(() => verdict(0, Number.NaN)).toThrow(RangeError);
  });
});
