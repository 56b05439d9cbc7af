/** Which check refused a token. Kept inside the process: callers see one uniform failure (no decryption oracle). */
export type FernetRejection = 'malformed' | 'signature' | 'expired' | 'future' | 'padding';

export class FernetTokenError extends Error {
  constructor(readonly reason: FernetRejection) {
    super('Invalid Fernet token');
    this.name = 'FernetTokenError';
  }
}
