import { AppConfig } from '@app/config';
import { Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Keys are stored as HMAC-SHA-256 under a server pepper: a stolen table alone cannot be used or brute-forced
 * (the secret has 190 bits anyway, so a slow hash would only cost latency on every request).
 */
@Injectable()
export class ApiKeyHasher {
  private readonly pepper: Buffer;
  private readonly verified = new WeakMap<Buffer, Buffer>();

  constructor(config: AppConfig) {
    this.pepper = Buffer.from(config.auth.apiKeyPepper, 'base64url');
  }

  hash(secret: string): Buffer {
    return createHmac('sha256', this.pepper).update(secret, 'utf8').digest();
  }

  /**
   * Whether `secret` hashes to `stored`. The last secret that matched a stored hash is remembered beside it, so a
   * client presenting the same key again costs a constant-time comparison instead of an HMAC. The memo lives only as
   * long as the cached record holding `stored` (seconds), and this process sees the key on every request anyway.
   */
  matches(secret: string, stored: Buffer): boolean {
    const presented = Buffer.from(secret, 'utf8');
    const verified = this.verified.get(stored);
    if (verified !== undefined && verified.length === presented.length && timingSafeEqual(verified, presented)) {
      return true;
    }
    const candidate = this.hash(secret);
    const matched = candidate.length === stored.length && timingSafeEqual(candidate, stored);
    if (matched) {
      this.verified.set(stored, presented);
    }
    return matched;
  }
}
