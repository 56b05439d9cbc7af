import { randomBytes } from 'node:crypto';

import type { CryptoClock } from './crypto-clock.js';
import { parseFernetKey, type FernetKey } from './fernet-key.js';
import { openFernetToken, sealFernetToken } from './fernet-token.js';

export interface DecryptOptions {
  /** Refuse tokens made more than this many seconds ago. */
  ttlSeconds?: number;
}

/**
 * Fernet with rotation (pyca's MultiFernet): the first key encrypts, every key decrypts, and `reencrypt` moves a
 * token to the first key. Failures throw `FernetTokenError`.
 */
export class FernetKeyring {
  private readonly keys: readonly FernetKey[];

  constructor(
    keys: readonly string[],
    private readonly clock: CryptoClock,
    private readonly newIv: () => Uint8Array = () => randomBytes(16),
  ) {
    if (keys.length === 0) {
      throw new Error('A Fernet keyring needs at least one key (ENCRYPTION_KEYS)');
    }
    this.keys = keys.map((text, index) => {
      const key = parseFernetKey(text);
      if (!key) {
        throw new Error(`Fernet key #${index + 1} is not the padded base64url text of 32 bytes`);
      }
      return key;
    });
  }

  encrypt(plaintext: Uint8Array): string {
    return this.seal(plaintext, this.nowSeconds());
  }

  decrypt(token: string, options: DecryptOptions = {}): Buffer {
    return openFernetToken(this.keys, token, { now: this.nowSeconds(), ttlSeconds: options.ttlSeconds }).plaintext;
  }

  /**
   * The same plaintext under the primary key with a fresh IV. The original timestamp is kept (as MultiFernet.rotate
   * does), so rotation never extends a token's TTL.
   */
  reencrypt(token: string): string {
    const opened = openFernetToken(this.keys, token, { now: this.nowSeconds() });
    return this.seal(opened.plaintext, opened.timestamp);
  }

  private seal(plaintext: Uint8Array, timestamp: number): string {
    return sealFernetToken(this.keys[0]!, plaintext, { iv: this.newIv(), timestamp });
  }

  private nowSeconds(): number {
    return Math.floor(this.clock.nowMs() / 1000);
  }
}
