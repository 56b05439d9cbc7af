import { generateFernetKey, parseFernetKey } from './fernet-key.js';

describe('Fernet keys', () => {
  describe('parseFernetKey', () => {
    it('splits the 32 bytes into the signing half then the encryption half', () => {
      const bytes = Buffer.from(Array.from({ length: 32 }, (_, index) => index));
      const key = parseFernetKey(bytes.toString('base64url') + '=');
      expect(key?.signingKey).toEqual(bytes.subarray(0, 16));
      expect(key?.encryptionKey).toEqual(bytes.subarray(16));
    });

    it.each([
      ['unpadded', 'cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4'],
      ['in the standard alphabet', 'cw/0x689RpI+jtRR7oE8h/eQsKImvJapLeSbXpwF4e4='],
      ['31 bytes', Buffer.alloc(31).toString('base64url') + '='],
      ['33 bytes', Buffer.alloc(33).toString('base64url')],
      ['with non-zero trailing bits', 'cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e5='],
      ['with surrounding whitespace', ' cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4='],
      ['empty', ''],
    ])('refuses a key %s', (_case, text) => {
      expect(parseFernetKey(text)).toBeUndefined();
    });
  });

  describe('generateFernetKey', () => {
    it('generates distinct keys that parse, in the padded 44-character form', () => {
      const first = generateFernetKey();
      const second = generateFernetKey();
      expect(first).toMatch(/^[A-Za-z0-9_-]{43}=$/);
      expect(first).not.toBe(second);
      expect(parseFernetKey(first)).toBeDefined();
    });
  });
});
