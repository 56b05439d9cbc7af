import { CryptoClock } from './crypto-clock.js';
import { generateFernetKey, parseFernetKey } from './fernet-key.js';
import { FernetKeyring } from './fernet-keyring.js';
import { FernetTokenError } from './fernet-token.error.js';
import { openFernetToken } from './fernet-token.js';
import { decodeBase64Strict } from './strict-base64.util.js';

class FixedClock extends CryptoClock {
  constructor(public ms: number) {
    super();
  }

  nowMs(): number {
    return this.ms;
  }
}

const timestampOf = (token: string): bigint => decodeBase64Strict(token, 'base64url')!.readBigUInt64BE(1);
const ivOf = (token: string): Buffer => decodeBase64Strict(token, 'base64url')!.subarray(9, 25);

describe(FernetKeyring.name, () => {
  const oldKey = generateFernetKey();
  const newKey = generateFernetKey();
  let clock: FixedClock;

  beforeEach(() => {
    clock = new FixedClock(1_700_000_000_900);
  });

  describe('constructor', () => {
    it('refuses an empty keyring', () => {
      expect(() => new FernetKeyring([], clock)).toThrow(/at least one key/);
    });

    it('names the bad key by position, never by value', () => {
      const bad = 'not-a-key';
      expect(() => new FernetKeyring([newKey, bad], clock)).toThrow(/^Fernet key #2 is not/);
      expect(() => new FernetKeyring([newKey, bad], clock)).not.toThrow(new RegExp(bad));
    });
  });

  describe('encrypt', () => {
    it('encrypts with the first key, stamped with the clock in whole seconds', () => {
      const token = new FernetKeyring([newKey, oldKey], clock).encrypt(Buffer.from('secret'));
      const opened = openFernetToken([parseFernetKey(newKey)!], token, { now: 1_700_000_000 });
      expect(opened.plaintext.toString()).toBe('secret');
      expect(opened.timestamp).toBe(1_700_000_000);
    });

    it('uses a fresh random IV for every token', () => {
      const keyring = new FernetKeyring([newKey], clock);
      const tokens = Array.from({ length: 20 }, () => keyring.encrypt(Buffer.from('same')));
      expect(new Set(tokens.map((token) => ivOf(token).toString('hex'))).size).toBe(20);
    });
  });

  describe('decrypt', () => {
    it('decrypts tokens made under any key of the ring', () => {
      const fromOld = new FernetKeyring([oldKey], clock).encrypt(Buffer.from('old secret'));
      const fromNew = new FernetKeyring([newKey], clock).encrypt(Buffer.from('new secret'));
      const keyring = new FernetKeyring([newKey, oldKey], clock);
      expect(keyring.decrypt(fromOld).toString()).toBe('old secret');
      expect(keyring.decrypt(fromNew).toString()).toBe('new secret');
    });

    it('refuses a token once its key has left the ring', () => {
      const fromOld = new FernetKeyring([oldKey], clock).encrypt(Buffer.from('old secret'));
      expect(() => new FernetKeyring([newKey], clock).decrypt(fromOld)).toThrow(FernetTokenError);
    });

    it('applies the TTL against the injected clock', () => {
      const keyring = new FernetKeyring([newKey], clock);
      const token = keyring.encrypt(Buffer.from('secret'));
      clock.ms += 30_000;
      expect(keyring.decrypt(token, { ttlSeconds: 30 }).toString()).toBe('secret');
      clock.ms += 1_000;
      expect(() => keyring.decrypt(token, { ttlSeconds: 30 })).toThrow(FernetTokenError);
      expect(keyring.decrypt(token).toString()).toBe('secret');
    });

    it('refuses a token made more than 60 s ahead of its clock', () => {
      const ahead = new FernetKeyring([newKey], new FixedClock(clock.ms + 61_000)).encrypt(Buffer.from('secret'));
      expect(() => new FernetKeyring([newKey], clock).decrypt(ahead)).toThrow(FernetTokenError);
    });
  });

  describe('reencrypt', () => {
    it('moves a token to the primary key, keeping its plaintext and timestamp', () => {
      const fromOld = new FernetKeyring([oldKey], clock).encrypt(Buffer.from('rotate me'));
      clock.ms += 3_600_000;
      const rotated = new FernetKeyring([newKey, oldKey], clock).reencrypt(fromOld);
      const opened = openFernetToken([parseFernetKey(newKey)!], rotated, { now: Math.floor(clock.ms / 1000) });
      expect(opened.plaintext.toString()).toBe('rotate me');
      expect(timestampOf(rotated)).toBe(timestampOf(fromOld));
      expect(() => new FernetKeyring([oldKey], clock).decrypt(rotated)).toThrow(FernetTokenError);
    });

    it('gives a token already under the primary key a fresh IV', () => {
      const keyring = new FernetKeyring([newKey, oldKey], clock);
      const token = keyring.encrypt(Buffer.from('x'));
      const rotated = keyring.reencrypt(token);
      expect(ivOf(rotated)).not.toEqual(ivOf(token));
      expect(keyring.decrypt(rotated).toString()).toBe('x');
    });

    it('refuses to rotate a token it cannot verify', () => {
      const stranger = new FernetKeyring([generateFernetKey()], clock).encrypt(Buffer.from('x'));
      expect(() => new FernetKeyring([newKey, oldKey], clock).reencrypt(stranger)).toThrow(FernetTokenError);
    });
  });
});
