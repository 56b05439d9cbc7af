import { SecurityException, SecurityExceptionCode } from '../security.exception.js';
import { CryptoClock } from './crypto-clock.js';
import { CryptoService } from './crypto.service.js';
import { generateFernetKey } from './fernet-key.js';
import { FernetKeyring } from './fernet-keyring.js';

class FixedClock extends CryptoClock {
  constructor(public ms: number) {
    super();
  }

  nowMs(): number {
    return this.ms;
  }
}

function expectDecryptionFailed(work: () => unknown): void {
  let caught: unknown;
  try {
    work();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(SecurityException);
  expect(caught).toMatchObject({ code: SecurityExceptionCode.DECRYPTION_FAILED, status: 400, detail: 'The token could not be decrypted.' });
}

describe(CryptoService.name, () => {
  const key = generateFernetKey();
  let clock: FixedClock;
  let service: CryptoService;

  beforeEach(() => {
    clock = new FixedClock(1_700_000_000_000);
    service = new CryptoService(new FernetKeyring([key], clock));
  });

  describe('encrypt / decrypt', () => {
    it('round-trips text and bytes', () => {
      expect(service.decryptText(service.encrypt('pässwörd ✓'))).toBe('pässwörd ✓');
      const bytes = Buffer.from([0, 255, 128, 7]);
      expect(service.decrypt(service.encrypt(bytes))).toEqual(bytes);
    });
  });

  describe('decrypt', () => {
    it('fails every bad token the same way, whichever check refused it', () => {
      const token = service.encrypt('secret');
      const tampered = `${token.slice(0, 30)}${token[30] === 'A' ? 'B' : 'A'}${token.slice(31)}`;
      const foreign = new CryptoService(new FernetKeyring([generateFernetKey()], clock)).encrypt('secret');
      const future = new CryptoService(new FernetKeyring([key], new FixedClock(clock.ms + 120_000))).encrypt('secret');
      expectDecryptionFailed(() => service.decrypt(tampered));
      expectDecryptionFailed(() => service.decrypt(foreign));
      expectDecryptionFailed(() => service.decrypt(future));
      expectDecryptionFailed(() => service.decrypt('%%%%'));
      expectDecryptionFailed(() => service.decrypt(''));
      clock.ms += 61_000;
      expectDecryptionFailed(() => service.decrypt(token, { ttlSeconds: 60 }));
    });
  });

  describe('decryptText', () => {
    it('fails, as for a bad token, when the plaintext is not UTF-8', () => {
      const token = service.encrypt(Buffer.from([0xc3, 0x28]));
      expect(service.decrypt(token)).toEqual(Buffer.from([0xc3, 0x28]));
      expectDecryptionFailed(() => service.decryptText(token));
    });

    it('keeps a leading byte-order mark', () => {
      expect(service.decryptText(service.encrypt('\uFEFFbom'))).toBe('\uFEFFbom');
    });
  });

  describe('reencrypt', () => {
    it('rotates a token made under an old key to the new primary key', () => {
      const oldKey = generateFernetKey();
      const old = new CryptoService(new FernetKeyring([oldKey], clock)).encrypt('secret');
      const rotating = new CryptoService(new FernetKeyring([key, oldKey], clock));
      expect(service.decryptText(rotating.reencrypt(old))).toBe('secret');
    });

    it('fails uniformly for a token it cannot verify', () => {
      expectDecryptionFailed(() => service.reencrypt('gAAAA'));
    });
  });
});
