import { createCipheriv, createDecipheriv, createHmac, timingSafeEqual } from 'node:crypto';

import type { FernetKey } from './fernet-key.js';
import { FernetTokenError } from './fernet-token.error.js';
import { decodeBase64Strict, encodeBase64 } from './strict-base64.util.js';

const VERSION = 0x80;
const TIMESTAMP_OFFSET = 1;
const IV_OFFSET = 9;
const CIPHERTEXT_OFFSET = 25;
const IV_BYTES = 16;
const BLOCK_BYTES = 16;
const HMAC_BYTES = 32;
/** Timestamps further ahead than this are refused (pyca/cryptography's `_MAX_CLOCK_SKEW`, assumed by the vectors). */
export const MAX_CLOCK_SKEW_SECONDS = 60;

export interface SealOptions {
  /** Unix seconds written into the token. */
  timestamp: number;
  iv: Uint8Array;
}

export interface OpenOptions {
  /** Unix seconds of the verifier's clock. */
  now: number;
  /** Refuse tokens whose timestamp is more than this many seconds before `now`. */
  ttlSeconds?: number;
}

export interface OpenedToken {
  plaintext: Buffer;
  /** Unix seconds the token was made at. */
  timestamp: number;
  /** Index in `keys` of the key that verified it. */
  keyIndex: number;
}

function sign(key: FernetKey, signed: Uint8Array): Buffer {
  return createHmac('sha256', key.signingKey).update(signed).digest();
}

/** version ‖ timestamp (64-bit big-endian) ‖ IV ‖ AES-128-CBC(PKCS7) ciphertext ‖ HMAC-SHA256 of all before it. */
export function sealFernetToken(key: FernetKey, plaintext: Uint8Array, options: SealOptions): string {
  if (options.iv.length !== IV_BYTES) {
    throw new RangeError(`A Fernet IV is ${IV_BYTES} bytes, got ${options.iv.length}`);
  }
  const header = Buffer.alloc(CIPHERTEXT_OFFSET);
  header.writeUInt8(VERSION, 0);
  header.writeBigUInt64BE(BigInt(options.timestamp), TIMESTAMP_OFFSET);
  header.set(options.iv, IV_OFFSET);
  const cipher = createCipheriv('aes-128-cbc', key.encryptionKey, options.iv);
  const signed = Buffer.concat([header, cipher.update(plaintext), cipher.final()]);
  return encodeBase64(Buffer.concat([signed, sign(key, signed)]), 'base64url');
}

function decodeStructure(token: string): Buffer {
  const bytes = decodeBase64Strict(token, 'base64url');
  const ciphertextBytes = bytes ? bytes.length - CIPHERTEXT_OFFSET - HMAC_BYTES : -1;
  if (!bytes || bytes[0] !== VERSION || ciphertextBytes < BLOCK_BYTES || ciphertextBytes % BLOCK_BYTES !== 0) {
    throw new FernetTokenError('malformed');
  }
  return bytes;
}

function verifyingKeyIndex(keys: readonly FernetKey[], bytes: Buffer): number {
  const signed = bytes.subarray(0, bytes.length - HMAC_BYTES);
  const mac = bytes.subarray(bytes.length - HMAC_BYTES);
  const index = keys.findIndex((key) => timingSafeEqual(sign(key, signed), mac));
  if (index < 0) {
    throw new FernetTokenError('signature');
  }
  return index;
}

function checkTimestamp(timestamp: bigint, options: OpenOptions): void {
  const now = BigInt(options.now);
  // typeof rather than !== undefined: a JSON `null` must mean "no TTL", not a crash in BigInt().
  if (typeof options.ttlSeconds === 'number' && timestamp + BigInt(options.ttlSeconds) < now) {
    throw new FernetTokenError('expired');
  }
  if (timestamp > now + BigInt(MAX_CLOCK_SKEW_SECONDS)) {
    throw new FernetTokenError('future');
  }
}

function decrypt(key: FernetKey, bytes: Buffer): Buffer {
  const iv = bytes.subarray(IV_OFFSET, CIPHERTEXT_OFFSET);
  const decipher = createDecipheriv('aes-128-cbc', key.encryptionKey, iv);
  try {
    return Buffer.concat([decipher.update(bytes.subarray(CIPHERTEXT_OFFSET, bytes.length - HMAC_BYTES)), decipher.final()]);
  } catch {
    throw new FernetTokenError('padding');
  }
}

/**
 * Verifies and decrypts a token with whichever of `keys` signed it. The HMAC is checked (in constant time) before
 * the timestamp is trusted or a byte is decrypted. Throws {@link FernetTokenError} on any failure.
 */
export function openFernetToken(keys: readonly FernetKey[], token: string, options: OpenOptions): OpenedToken {
  const bytes = decodeStructure(token);
  const keyIndex = verifyingKeyIndex(keys, bytes);
  const timestamp = bytes.readBigUInt64BE(TIMESTAMP_OFFSET);
  checkTimestamp(timestamp, options);
  return { plaintext: decrypt(keys[keyIndex]!, bytes), timestamp: Number(timestamp), keyIndex };
}

/** Length in characters of the token for a plaintext of `plaintextBytes` bytes (for request size limits). */
export function fernetTokenLength(plaintextBytes: number): number {
  const ciphertextBytes = (Math.floor(plaintextBytes / BLOCK_BYTES) + 1) * BLOCK_BYTES;
  return Math.ceil((CIPHERTEXT_OFFSET + ciphertextBytes + HMAC_BYTES) / 3) * 4;
}
