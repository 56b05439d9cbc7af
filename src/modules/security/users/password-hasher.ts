import { Injectable } from '@nestjs/common';
import argon2 from 'argon2';
import bcrypt from 'bcryptjs';
import { randomBytes } from 'node:crypto';

/** OWASP Password Storage Cheat Sheet: argon2id, m = 19 MiB, t = 2, p = 1. */
export const ARGON2_PARAMS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** bcrypt only reads the first 72 bytes; longer inputs are refused rather than silently truncated. */
export const BCRYPT_MAX_BYTES = 72;

export type PasswordCheck = { matches: false } | { matches: true; needsRehash: boolean };

const ARGON2ID = /^\$argon2id\$/;
const ARGON2_ANY = /^\$argon2(id|i|d)\$/;
const BCRYPT = /^\$2[aby]\$\d{2}\$/;

/**
 * Hashes with argon2id; verifies argon2 (parameters read from the stored PHC string) and bcrypt (users migrated
 * from elsewhere), saying when the stored hash should be replaced by one at today's parameters.
 */
@Injectable()
export class PasswordHasher {
  private dummy?: Promise<string>;

  hash(password: string): Promise<string> {
    return argon2.hash(password, ARGON2_PARAMS);
  }

  async verify(stored: string, password: string): Promise<PasswordCheck> {
    if (ARGON2_ANY.test(stored)) {
      if (!(await argon2.verify(stored, password).catch(() => false))) {
        return { matches: false };
      }
      return { matches: true, needsRehash: !ARGON2ID.test(stored) || argon2.needsRehash(stored, ARGON2_PARAMS) };
    }
    if (BCRYPT.test(stored)) {
      if (Buffer.byteLength(password, 'utf8') > BCRYPT_MAX_BYTES || !(await bcrypt.compare(password, stored).catch(() => false))) {
        return { matches: false };
      }
      return { matches: true, needsRehash: true };
    }
    return { matches: false };
  }

  /** Spends what a real verification costs, so an unknown account answers in the same time as a wrong password. */
  async verifyDummy(password: string): Promise<void> {
    this.dummy ??= this.hash(randomBytes(32).toString('base64url'));
    await argon2.verify(await this.dummy, password).catch(() => false);
  }
}
