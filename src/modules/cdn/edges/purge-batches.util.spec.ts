import { chunk, parseRetryAfter, unique } from './purge-batches.util.js';

describe('purge batches', () => {
  describe('chunk', () => {
    it('splits into chunks of at most the size, keeping order', () => {
      const items = Array.from({ length: 250 }, (_, index) => index);

      const chunks = chunk(items, 100);

      expect(chunks.map((part) => part.length)).toEqual([100, 100, 50]);
      expect(chunks.flat()).toEqual(items);
    });

    it('returns no chunks for no items', () => {
      expect(chunk([], 10)).toEqual([]);
    });

    it('refuses a size below one', () => {
      expect(() => chunk([1], 0)).toThrow(RangeError);
      expect(() => chunk([1], 1.5)).toThrow(RangeError);
    });
  });

  describe('unique', () => {
    it('drops repeats and keeps first-seen order', () => {
      expect(unique(['b', 'a', 'b', 'c', 'a'])).toEqual(['b', 'a', 'c']);
    });
  });

  describe('parseRetryAfter', () => {
    const now = Date.parse('2026-11-22T12:00:00Z');

    it('reads delta-seconds', () => {
      expect(parseRetryAfter('30', now)).toBe(30_000);
    });

    it('reads an HTTP-date relative to now', () => {
      expect(parseRetryAfter('Sun, 22 Nov 2026 12:00:45 GMT', now)).toBe(45_000);
    });

    it('treats a date in the past as no wait', () => {
      expect(parseRetryAfter('Sun, 22 Nov 2026 11:00:00 GMT', now)).toBe(0);
    });

    it('gives null when absent or unreadable', () => {
      expect(parseRetryAfter(null, now)).toBeNull();
      expect(parseRetryAfter('  ', now)).toBeNull();
      expect(parseRetryAfter('soon', now)).toBeNull();
      expect(parseRetryAfter('-5', now)).toBeNull();
    });
  });
});
