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

  constructor(config: AppConfig) {
    this.pepper = Buffer.from(config.auth.apiKeyPepper, 'base64url');
  }

  hash(secret: string): Buffer {
    return createHmac('sha256', this.pepper).update(secret, 'utf8').digest();
  }

  matches(secret: string, stored: Buffer): boolean {
    const candidate = this.hash(secret);
    return candidate.length === stored.length && timingSafeEqual(candidate, stored);
  }
}
