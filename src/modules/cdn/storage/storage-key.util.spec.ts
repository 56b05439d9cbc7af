import { assertByteRange, assertStorageKey, assertStoragePrefix, MAX_STORAGE_KEY_LENGTH } from './storage-key.util.js';

describe('storage-key.util', () => {
  describe(assertStorageKey.name, () => {
    it.each(['objects/0123abcdef/original', 'a', 'a/b.c_d-e', 'x'.repeat(255), `${'a'.repeat(200)}/`.repeat(5).slice(0, -1)])(
      'accepts %j',
      (key) => {
        expect(() => assertStorageKey(key)).not.toThrow();
      },
    );

    it.each([
      ['', 'only a-z'],
      ['Objects/a', 'only a-z'],
      ['a b', 'only a-z'],
      ['a\\b', 'only a-z'],
      ['ключ', 'only a-z'],
      ['/a', 'starts with "/"'],
      ['a//b', 'empty segment'],
      ['a/', 'empty segment'],
      ['a/../b', 'contains ".."'],
      ['a..b', 'contains ".."'],
      ['./a', 'starts with "."'],
      ['.tmp/x', 'starts with "."'],
      ['x'.repeat(256), 'longer than 255'],
      [`${'a/'.repeat(MAX_STORAGE_KEY_LENGTH / 2)}a`, `longer than ${MAX_STORAGE_KEY_LENGTH}`],
    ])('rejects %j (%s)', (key, problem) => {
      expect(() => assertStorageKey(key)).toThrow(problem);
    });
  });

  describe(assertStoragePrefix.name, () => {
    it.each(['', 'objects/', 'objects/ab', 'a/b/'])('accepts %j', (prefix) => {
      expect(() => assertStoragePrefix(prefix)).not.toThrow();
    });

    it.each(['/', '/a', 'a//', '../', 'a/.', 'A'])('rejects %j', (prefix) => {
      expect(() => assertStoragePrefix(prefix)).toThrow('Invalid storage prefix');
    });
  });

  describe(assertByteRange.name, () => {
    it.each([
      [0, 0],
      [5, 10],
    ])('accepts %d-%d', (start, end) => {
      expect(() => assertByteRange({ end, start })).not.toThrow();
    });

    it.each([
      [-1, 3],
      [4, 3],
      [0.5, 3],
      [0, Number.NaN],
      [0, Number.POSITIVE_INFINITY],
    ])('rejects %d-%d', (start, end) => {
      expect(() => assertByteRange({ end, start })).toThrow('Invalid byte range');
    });
  });
});
