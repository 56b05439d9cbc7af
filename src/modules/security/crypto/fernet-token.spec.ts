import { createCipheriv, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';

import { generateFernetKey, parseFernetKey, type FernetKey } from './fernet-key.js';
import { FernetTokenError, type FernetRejection } from './fernet-token.error.js';
import { fernetTokenLength, openFernetToken, sealFernetToken } from './fernet-token.js';
import { decodeBase64Strict, encodeBase64 } from './strict-base64.util.js';

interface GenerateVector { token: string; now: string; iv: number[]; src: string; secret: string }
interface VerifyVector { token: string; now: string; ttl_sec: number; src: string; secret: string }
interface InvalidVector { desc: string; token: string; now: string; ttl_sec: number; secret: string }

/** The conformance vectors of github.com/fernet/spec, copied byte-for-byte (see fernet-vectors/SOURCE.txt). */
function vectors<T>(name: string): T[] {
  return JSON.parse(readFileSync(new URL(`./fernet-vectors/${name}.json`, import.meta.url), 'utf8')) as T[];
}

const unixSeconds = (iso: string): number => Date.parse(iso) / 1000;

function key(secret: string): FernetKey {
  const parsed = parseFernetKey(secret);
  if (!parsed) {
    throw new Error(`bad test key ${secret}`);
  }
  return parsed;
}

function rejection(work: () => unknown): FernetRejection | 'accepted' {
  try {
    work();
    return 'accepted';
  } catch (error) {
    if (error instanceof FernetTokenError) {
      return error.reason;
    }
    throw error;
  }
}

interface Forgery {
  version?: number;
  timestamp?: bigint;
  /** Exactly the bytes to encrypt: no PKCS7 padding is added, so a test can write invalid padding. */
  blocks?: Buffer;
}

/** A token correctly signed with `signing`, so that only the part under test can make it fail. */
function forgedToken(signing: FernetKey, forgery: Forgery): string {
  const iv = Buffer.alloc(16, 9);
  const cipher = createCipheriv('aes-128-cbc', signing.encryptionKey, iv).setAutoPadding(false);
  const header = Buffer.alloc(9);
  header.writeUInt8(forgery.version ?? 0x80, 0);
  header.writeBigUInt64BE(forgery.timestamp ?? 1_000n, 1);
  const blocks = forgery.blocks ?? Buffer.concat([Buffer.from('secret'), Buffer.alloc(10, 10)]);
  const signed = Buffer.concat([header, iv, cipher.update(blocks), cipher.final()]);
  return encodeBase64(Buffer.concat([signed, createHmac('sha256', signing.signingKey).update(signed).digest()]), 'base64url');
}

describe('Fernet tokens', () => {
  describe('sealFernetToken', () => {
    it.each(vectors<GenerateVector>('generate'))('produces exactly the spec token for "$src"', (vector) => {
      const token = sealFernetToken(key(vector.secret), Buffer.from(vector.src), {
        iv: Uint8Array.from(vector.iv),
        timestamp: unixSeconds(vector.now),
      });
      expect(token).toBe(vector.token);
    });

    it('refuses an IV that is not 16 bytes', () => {
      expect(() => sealFernetToken(key(generateFernetKey()), Buffer.from('x'), { iv: Buffer.alloc(12), timestamp: 0 })).toThrow(RangeError);
    });

    it('pads every plaintext length to whole blocks, matching fernetTokenLength', () => {
      const k = key(generateFernetKey());
      for (const length of [0, 1, 15, 16, 17, 31, 32, 1000]) {
        const token = sealFernetToken(k, Buffer.alloc(length, 1), { iv: Buffer.alloc(16), timestamp: 0 });
        expect(token).toHaveLength(fernetTokenLength(length));
        expect(openFernetToken([k], token, { now: 0 }).plaintext).toEqual(Buffer.alloc(length, 1));
      }
    });
  });

  describe('openFernetToken', () => {
    it.each(vectors<VerifyVector>('verify'))('decrypts the spec token to "$src"', (vector) => {
      const opened = openFernetToken([key(vector.secret)], vector.token, { now: unixSeconds(vector.now), ttlSeconds: vector.ttl_sec });
      expect(opened.plaintext.toString('utf8')).toBe(vector.src);
      expect(opened.keyIndex).toBe(0);
    });

    const expected: Record<string, FernetRejection> = {
      'incorrect mac': 'signature',
      'too short': 'malformed',
      'invalid base64': 'malformed',
      'payload size not multiple of block size': 'malformed',
      'payload padding error': 'padding',
      'far-future TS (unacceptable clock skew)': 'future',
      'expired TTL': 'expired',
      'incorrect IV (causes padding error)': 'padding',
    };

    it('covers every invalid vector of the spec', () => {
      expect(vectors<InvalidVector>('invalid').map((vector) => vector.desc).sort()).toEqual(Object.keys(expected).sort());
    });

    it.each(vectors<InvalidVector>('invalid'))('rejects the spec token: $desc', (vector) => {
      const outcome = rejection(() =>
        openFernetToken([key(vector.secret)], vector.token, { now: unixSeconds(vector.now), ttlSeconds: vector.ttl_sec }),
      );
      expect(outcome).toBe(expected[vector.desc]);
    });

    const k = key(generateFernetKey());
    const sealed = (timestamp: number): string => sealFernetToken(k, Buffer.from('secret'), { iv: Buffer.alloc(16, 3), timestamp });

    it('accepts a token exactly at its TTL and refuses it one second later', () => {
      expect(openFernetToken([k], sealed(1_000), { now: 1_060, ttlSeconds: 60 }).plaintext.toString()).toBe('secret');
      expect(rejection(() => openFernetToken([k], sealed(1_000), { now: 1_061, ttlSeconds: 60 }))).toBe('expired');
    });

    it('accepts any age without a TTL', () => {
      expect(openFernetToken([k], sealed(0), { now: 4_000_000_000 }).timestamp).toBe(0);
      const fromJson = JSON.parse('{"now": 4000000000, "ttlSeconds": null}') as { now: number; ttlSeconds?: number };
      expect(openFernetToken([k], sealed(0), fromJson).timestamp).toBe(0);
    });

    it('tolerates 60 s of clock skew and no more, with or without a TTL', () => {
      expect(openFernetToken([k], sealed(1_060), { now: 1_000 }).timestamp).toBe(1_060);
      expect(rejection(() => openFernetToken([k], sealed(1_061), { now: 1_000 }))).toBe('future');
      expect(rejection(() => openFernetToken([k], sealed(1_061), { now: 1_000, ttlSeconds: 3_600 }))).toBe('future');
    });

    it('opens a forged-but-signed token, so the refusals below test only what they change', () => {
      expect(openFernetToken([k], forgedToken(k, {}), { now: 1_000 }).plaintext.toString()).toBe('secret');
    });

    it('refuses a timestamp beyond 2^53 as from the future rather than misreading it', () => {
      expect(rejection(() => openFernetToken([k], forgedToken(k, { timestamp: 2n ** 63n + 5n }), { now: 1_000 }))).toBe('future');
    });

    it('checks the HMAC before anything the token claims', () => {
      const forged = decodeBase64Strict(sealed(1_000), 'base64url')!;
      forged.writeBigUInt64BE(999n, 1);
      expect(rejection(() => openFernetToken([k], encodeBase64(forged, 'base64url'), { now: 5_000, ttlSeconds: 1 }))).toBe('signature');
    });

    it('refuses a token signed by another key', () => {
      expect(rejection(() => openFernetToken([key(generateFernetKey())], sealed(1_000), { now: 1_000 }))).toBe('signature');
    });

    it('refuses every single flipped bit', () => {
      const bytes = decodeBase64Strict(sealed(1_000), 'base64url')!;
      for (let index = 0; index < bytes.length; index += 1) {
        const flipped = Buffer.from(bytes);
        flipped[index]! ^= 0x01;
        expect(rejection(() => openFernetToken([k], encodeBase64(flipped, 'base64url'), { now: 1_000 }))).not.toBe('accepted');
      }
    });

    it('refuses another version byte even when correctly signed', () => {
      expect(rejection(() => openFernetToken([k], forgedToken(k, { version: 0x81 }), { now: 1_000 }))).toBe('malformed');
    });

    it('refuses a correctly signed token whose plaintext has invalid PKCS7 padding', () => {
      expect(rejection(() => openFernetToken([k], forgedToken(k, { blocks: Buffer.alloc(16, 0) }), { now: 1_000 }))).toBe('padding');
      expect(rejection(() => openFernetToken([k], forgedToken(k, { blocks: Buffer.alloc(16, 17) }), { now: 1_000 }))).toBe('padding');
    });

    const [spec] = vectors<VerifyVector>('verify');
    const specOpen = (token: string): unknown => openFernetToken([key(spec!.secret)], token, { now: unixSeconds(spec!.now) });

    it.each([
      ['without padding', (token: string) => token.replace(/=+$/, '')],
      ['in the standard alphabet', (token: string) => token.replace(/-/g, '+').replace(/_/g, '/')],
      ['with whitespace', (token: string) => `${token.slice(0, 20)}\n${token.slice(20)}`],
      ['with a trailing newline', (token: string) => `${token}\n`],
      ['with non-zero trailing bits (same bytes to Node)', (token: string) => token.replace(/A==$/, 'B==')],
      ['with a character Node would skip', (token: string) => `${token.slice(0, 20)}.${token.slice(20)}`],
      ['empty', () => ''],
    ])('refuses the spec token %s (strict base64url)', (_name, mangle) => {
      const variant = mangle(spec!.token);
      expect(variant).not.toBe(spec!.token);
      expect(specOpen(spec!.token)).toBeDefined();
      expect(rejection(() => specOpen(variant))).toBe('malformed');
    });
  });
});
