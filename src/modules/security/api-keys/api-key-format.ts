import { memoizeByString } from '@app/common';
import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';

/**
 * `bwk_<public id>_<secret><checksum>`, after GitHub's token format: a fixed prefix and a CRC32 checksum let secret
 * scanners spot a leaked key with no false positives, and let us reject a mistyped one without a database lookup.
 * The public id (62^12 ≈ 71 bits) is indexed for lookup; the secret (62^32 ≈ 190 bits) is only ever stored hashed.
 */
export const API_KEY_PREFIX = 'bwk_';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const PUBLIC_ID_LENGTH = 12;
const SECRET_LENGTH = 32;
const CHECKSUM_LENGTH = 6;
const KEY_PATTERN = new RegExp(`^${API_KEY_PREFIX}([0-9A-Za-z]{${PUBLIC_ID_LENGTH}})_([0-9A-Za-z]{${SECRET_LENGTH}})([0-9A-Za-z]{${CHECKSUM_LENGTH}})$`);

export interface ParsedApiKey {
  publicId: string;
  secret: string;
}

/** Uniformly random base62 (rejection sampling: no modulo bias). */
function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) {
        out += BASE62[byte % 62];
      }
    }
  }
  return out;
}

function base62(value: number, width: number): string {
  let out = '';
  let rest = value;
  while (rest > 0) {
    out = BASE62[rest % 62]! + out;
    rest = Math.floor(rest / 62);
  }
  return out.padStart(width, '0');
}

function checksum(body: string): string {
  return base62(crc32(body), CHECKSUM_LENGTH);
}

export function formatApiKey(publicId: string, secret: string): string {
  const body = `${API_KEY_PREFIX}${publicId}_${secret}`;
  return `${body}${checksum(body)}`;
}

export function generateApiKey(): { key: string } & ParsedApiKey {
  const publicId = randomBase62(PUBLIC_ID_LENGTH);
  const secret = randomBase62(SECRET_LENGTH);
  return { key: formatApiKey(publicId, secret), publicId, secret };
}

const MALFORMED = Symbol('malformed');

/** Every request with a key parses it, and a client sends the same key again and again: its shape and CRC are checked once. */
const parseRemembered = memoizeByString(
  (key): Readonly<ParsedApiKey> | typeof MALFORMED => {
    const match = KEY_PATTERN.exec(key);
    if (!match) {
      return MALFORMED;
    }
    const [, publicId, secret, sum] = match;
    return checksum(`${API_KEY_PREFIX}${publicId}_${secret}`) === sum ? Object.freeze({ publicId: publicId!, secret: secret! }) : MALFORMED;
  },
  { longestKey: API_KEY_PREFIX.length + PUBLIC_ID_LENGTH + 1 + SECRET_LENGTH + CHECKSUM_LENGTH, max: 4_096 },
);

/** The key's parts, or null when it is not a well-formed Bulwark key (wrong shape or checksum). */
export function parseApiKey(key: string): Readonly<ParsedApiKey> | null {
  const parsed = parseRemembered(key);
  return parsed === MALFORMED ? null : parsed;
}

export function looksLikeApiKey(value: string): boolean {
  return value.startsWith(API_KEY_PREFIX);
}
