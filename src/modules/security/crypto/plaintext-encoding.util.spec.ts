import { decodeUtf8Strict, describePlaintext, plaintextBytes } from './plaintext-encoding.util.js';

describe('plaintext encodings', () => {
  describe('plaintextBytes', () => {
    it('encodes text as UTF-8', () => {
      expect(plaintextBytes('é✓', 'utf8')).toEqual(Buffer.from([0xc3, 0xa9, 0xe2, 0x9c, 0x93]));
    });

    it('refuses text with a lone surrogate rather than replacing it', () => {
      expect(plaintextBytes('a\uD800b', 'utf8')).toBeUndefined();
    });

    it('decodes padded standard base64 and refuses anything looser', () => {
      expect(plaintextBytes('AP8=', 'base64')).toEqual(Buffer.from([0, 255]));
      expect(plaintextBytes('AP8', 'base64')).toBeUndefined();
      expect(plaintextBytes('AP-_', 'base64')).toBeUndefined();
      expect(plaintextBytes('hello world', 'base64')).toBeUndefined();
    });
  });

  describe('decodeUtf8Strict', () => {
    it('refuses invalid UTF-8 instead of substituting U+FFFD', () => {
      expect(decodeUtf8Strict(Buffer.from([0x61, 0xff]))).toBeUndefined();
    });
  });

  describe('describePlaintext', () => {
    it('answers valid UTF-8 as text', () => {
      expect(describePlaintext(Buffer.from('héllo'))).toEqual({ plaintext: 'héllo', encoding: 'utf8' });
    });

    it('answers other bytes as base64 that decodes back to them', () => {
      const bytes = Buffer.from([0x00, 0xff, 0xfe, 0x80]);
      const described = describePlaintext(bytes);
      expect(described.encoding).toBe('base64');
      expect(plaintextBytes(described.plaintext, 'base64')).toEqual(bytes);
    });
  });
});
