/** The wall clock Fernet stamps and checks tokens with; a seam so tests can pin "now". */
export abstract class CryptoClock {
  /** Milliseconds since the Unix epoch. */
  abstract nowMs(): number;
}

export class SystemCryptoClock extends CryptoClock {
  nowMs(): number {
    return Date.now();
  }
}
