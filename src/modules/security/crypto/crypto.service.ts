import { Injectable } from '@nestjs/common';

import { SecurityException, SecurityExceptionCode } from '../security.exception.js';
import { FernetKeyring, type DecryptOptions } from './fernet-keyring.js';
import { FernetTokenError } from './fernet-token.error.js';
import { decodeUtf8Strict } from './plaintext-encoding.util.js';

function decryptionFailed(): SecurityException {
  return new SecurityException(SecurityExceptionCode.DECRYPTION_FAILED, 'The token could not be decrypted.');
}

/**
 * Encrypts secrets at rest as Fernet tokens under `ENCRYPTION_KEYS`. Every way a token can be wrong ends in the same
 * `SECURITY.DECRYPTION_FAILED`, so callers (and clients of the HTTP API) learn nothing about which check failed.
 */
@Injectable()
export class CryptoService {
  constructor(private readonly keyring: FernetKeyring) {}

  encrypt(plaintext: string | Uint8Array): string {
    return this.keyring.encrypt(typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext);
  }

  decrypt(token: string, options?: DecryptOptions): Buffer {
    return this.uniformly(() => this.keyring.decrypt(token, options));
  }

  /** The plaintext as text; a token whose plaintext is not valid UTF-8 fails like any other bad token. */
  decryptText(token: string, options?: DecryptOptions): string {
    const bytes = this.decrypt(token, options);
    const text = decodeUtf8Strict(bytes);
    if (text === undefined) {
      throw decryptionFailed();
    }
    return text;
  }

  /** The token under the primary key, keeping its timestamp; for rotating stored secrets after a key change. */
  reencrypt(token: string): string {
    return this.uniformly(() => this.keyring.reencrypt(token));
  }

  private uniformly<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      if (error instanceof FernetTokenError) {
        throw decryptionFailed();
      }
      throw error;
    }
  }
}
