import { randomBytes } from 'node:crypto';

import { SystemCryptoClock } from '../../src/modules/security/crypto/crypto-clock.js';
import { generateFernetKey } from '../../src/modules/security/crypto/fernet-key.js';
import { FernetKeyring } from '../../src/modules/security/crypto/fernet-keyring.js';
import { FernetTokenError } from '../../src/modules/security/crypto/fernet-token.error.js';
import { pythonFernet, requirePythonCryptography } from '../support/python-fernet.js';

const b64 = (bytes: Buffer): string => bytes.toString('base64');

/** Plaintexts chosen to exercise padding edges, multi-byte text and arbitrary bytes. */
const PLAINTEXTS: Buffer[] = [
  Buffer.alloc(0),
  Buffer.from('hello'),
  Buffer.from('exactly 16 bytes'),
  Buffer.from('pässwörd ✓ 🔑', 'utf8'),
  Buffer.from([0x00, 0xff, 0x80, 0x0a, 0x0d]),
  randomBytes(1_000),
];

describe('Fernet interop with pyca/cryptography', () => {
  const clock = new SystemCryptoClock();

  beforeAll(() => {
    requirePythonCryptography();
  });

  it('decrypts in Python what Node encrypted, with a TTL', async () => {
    const key = generateFernetKey();
    const keyring = new FernetKeyring([key], clock);
    const results = await pythonFernet(PLAINTEXTS.map((plaintext) => ({ op: 'decrypt', keys: [key], token: keyring.encrypt(plaintext), ttl: 60 })));
    expect(results.map((result) => result.plaintext)).toEqual(PLAINTEXTS.map(b64));
  });

  it('decrypts in Node what Python encrypted, with a TTL', async () => {
    const key = generateFernetKey();
    const results = await pythonFernet(PLAINTEXTS.map((plaintext) => ({ op: 'encrypt', key, plaintext: b64(plaintext) })));
    const keyring = new FernetKeyring([key], clock);
    expect(results.map((result) => keyring.decrypt(result.token!, { ttlSeconds: 60 }))).toEqual(PLAINTEXTS);
  });

  it('uses keys from either side: Python accepts a Node key and Node a Python key', async () => {
    const [generated] = await pythonFernet([{ op: 'generate_key' }]);
    const pythonKey = generated!.key!;
    const nodeKey = generateFernetKey();
    const fromPython = await pythonFernet([{ op: 'encrypt', key: nodeKey, plaintext: b64(Buffer.from('node key')) }]);
    expect(new FernetKeyring([nodeKey], clock).decrypt(fromPython[0]!.token!).toString()).toBe('node key');
    const [decrypted] = await pythonFernet([{ op: 'decrypt', keys: [pythonKey], token: new FernetKeyring([pythonKey], clock).encrypt(Buffer.from('py key')) }]);
    expect(decrypted!.plaintext).toBe(b64(Buffer.from('py key')));
  });

  it('agrees on what is invalid: neither side accepts a tampered token or another key', async () => {
    const key = generateFernetKey();
    const token = new FernetKeyring([key], clock).encrypt(Buffer.from('secret'));
    const tampered = `${token.slice(0, 40)}${token[40] === 'A' ? 'B' : 'A'}${token.slice(41)}`;
    const results = await pythonFernet([
      { op: 'decrypt', keys: [key], token: tampered },
      { op: 'decrypt', keys: [generateFernetKey()], token },
    ]);
    expect(results).toEqual([{ error: 'InvalidToken' }, { error: 'InvalidToken' }]);
    expect(() => new FernetKeyring([key], clock).decrypt(tampered)).toThrow(FernetTokenError);
  });

  describe('rotation', () => {
    it('reads tokens that MultiFernet.rotate moved to a new key, with the original timestamp', async () => {
      const [oldKey, newKey] = [generateFernetKey(), generateFernetKey()];
      const original = new FernetKeyring([oldKey], clock).encrypt(Buffer.from('rotate me'));
      const [rotated] = await pythonFernet([{ op: 'rotate', keys: [newKey, oldKey], token: original }]);
      expect(new FernetKeyring([newKey], clock).decrypt(rotated!.token!).toString()).toBe('rotate me');
      const stamps = await pythonFernet([
        { op: 'timestamp', key: oldKey, token: original },
        { op: 'timestamp', key: newKey, token: rotated!.token! },
      ]);
      expect(stamps[1]!.timestamp).toBe(stamps[0]!.timestamp);
    });

    it('rotates Python tokens in Node so that Python reads them under the new key alone, timestamp kept', async () => {
      const [oldKey, newKey] = [generateFernetKey(), generateFernetKey()];
      const [made] = await pythonFernet([{ op: 'encrypt', key: oldKey, plaintext: b64(Buffer.from('from python')) }]);
      const rotated = new FernetKeyring([newKey, oldKey], clock).reencrypt(made!.token!);
      const results = await pythonFernet([
        { op: 'decrypt', keys: [newKey], token: rotated },
        { op: 'decrypt', keys: [oldKey], token: rotated },
        { op: 'timestamp', key: oldKey, token: made!.token! },
        { op: 'timestamp', key: newKey, token: rotated },
      ]);
      expect(results[0]).toEqual({ plaintext: b64(Buffer.from('from python')) });
      expect(results[1]).toEqual({ error: 'InvalidToken' });
      expect(results[3]!.timestamp).toBe(results[2]!.timestamp);
    });
  });
});
