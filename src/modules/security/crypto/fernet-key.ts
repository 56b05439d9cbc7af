import { randomBytes } from 'node:crypto';

import { decodeBase64Strict, encodeBase64 } from './strict-base64.util.js';

const KEY_BYTES = 32;
const HALF = KEY_BYTES / 2;

/** A Fernet key split into its halves: the first 16 bytes sign (HMAC-SHA256), the last 16 encrypt (AES-128-CBC). */
export interface FernetKey {
  readonly signingKey: Buffer;
  readonly encryptionKey: Buffer;
}

/** Parses the padded base64url text of 32 bytes; `undefined` for anything else. */
export function parseFernetKey(text: string): FernetKey | undefined {
  const bytes = decodeBase64Strict(text, 'base64url');
  if (bytes?.length !== KEY_BYTES) {
    return undefined;
  }
  return { signingKey: bytes.subarray(0, HALF), encryptionKey: bytes.subarray(HALF) };
}

/** A fresh random key in the form `ENCRYPTION_KEYS` and Python's `Fernet.generate_key()` use. */
export function generateFernetKey(): string {
  return encodeBase64(randomBytes(KEY_BYTES), 'base64url');
}
