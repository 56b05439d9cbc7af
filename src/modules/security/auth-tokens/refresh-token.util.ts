import { createHash, randomBytes } from 'node:crypto';

/** Recognisable to secret scanners, like API keys' `bwk_`. */
export const REFRESH_TOKEN_PREFIX = 'bwr_';
const SECRET_BYTES = 32;
const FORMAT = /^bwr_[A-Za-z0-9_-]{43}$/;

/** 256 random bits, base64url, behind the prefix. */
export function generateRefreshToken(): string {
  return `${REFRESH_TOKEN_PREFIX}${randomBytes(SECRET_BYTES).toString('base64url')}`;
}

export function isRefreshTokenFormat(token: string): boolean {
  return FORMAT.test(token);
}

/** What is stored: SHA-256 suffices, the token is 256 random bits, not a guessable password. */
export function hashRefreshToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}
