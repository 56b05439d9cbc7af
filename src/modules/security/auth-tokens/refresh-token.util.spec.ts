import { generateRefreshToken, hashRefreshToken, isRefreshTokenFormat } from './refresh-token.util.js';

describe('refresh tokens', () => {
  it('carries 256 random bits behind the bwr_ prefix and is never the same twice', () => {
    const token = generateRefreshToken();
    expect(token).toMatch(/^bwr_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token.slice(4), 'base64url')).toHaveLength(32);
    expect(generateRefreshToken()).not.toBe(token);
  });

  it('recognises only its own format', () => {
    expect(isRefreshTokenFormat(generateRefreshToken())).toBe(true);
    expect(isRefreshTokenFormat(`${generateRefreshToken()}x`)).toBe(false);
    expect(isRefreshTokenFormat('bwk_AAAAAAAAAAAA_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb000000')).toBe(false);
    expect(isRefreshTokenFormat('bwr_' + '+'.repeat(43))).toBe(false);
  });

  it('hashes with SHA-256, deterministically', () => {
    const token = generateRefreshToken();
    expect(hashRefreshToken(token)).toHaveLength(32);
    expect(hashRefreshToken(token).equals(hashRefreshToken(token))).toBe(true);
    expect(hashRefreshToken(token).equals(hashRefreshToken(generateRefreshToken()))).toBe(false);
  });
});
