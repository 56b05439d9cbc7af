import { decodeBase64Strict } from './strict-base64.util.js';

/** How plaintext travels in JSON: text as is, or arbitrary bytes as padded standard base64. */
export type PlaintextEncoding = 'utf8' | 'base64';
export const PLAINTEXT_ENCODINGS: readonly PlaintextEncoding[] = ['utf8', 'base64'];

// ignoreBOM keeps a leading U+FEFF as content instead of silently dropping it.
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The text of valid UTF-8 bytes, or `undefined` (never U+FFFD replacements). */
export function decodeUtf8Strict(bytes: Uint8Array): string | undefined {
  try {
    return UTF8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** The bytes `plaintext` stands for, or `undefined` when it is not valid in `encoding` (lone surrogates, bad base64). */
export function plaintextBytes(plaintext: string, encoding: PlaintextEncoding): Buffer | undefined {
  switch (encoding) {
    case 'utf8':
      return plaintext.isWellFormed() ? Buffer.from(plaintext, 'utf8') : undefined;
    case 'base64':
      return decodeBase64Strict(plaintext, 'base64');
  }
}

/** Bytes for a JSON answer: as text when they are valid UTF-8, else as base64. */
export function describePlaintext(bytes: Buffer): { plaintext: string; encoding: PlaintextEncoding } {
  const text = decodeUtf8Strict(bytes);
  return text === undefined ? { plaintext: bytes.toString('base64'), encoding: 'base64' } : { plaintext: text, encoding: 'utf8' };
}
