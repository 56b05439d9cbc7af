import { randomBytes } from 'node:crypto';

import { EntryCodec } from './entry-codec.js';

describe(EntryCodec.name, () => {
  const codec = new EntryCodec(1_024);

  it('round-trips Keyv envelopes of every kind of value', () => {
    for (const value of [null, 0, 'text', 'Zoë 🎉', [1, 'a'], { nested: { at: new Date('2026-01-01T00:00:00Z') } }]) {
      expect(codec.deserialize(codec.serialize({ value, expires: 123 }))).toEqual({ value, expires: 123 });
    }
  });

  it('marks small values as plain msgpack and compresses large compressible ones', () => {
    const small = codec.serialize({ value: 'x' });
    const large = codec.serialize({ value: 'abc '.repeat(2_000) });

    expect(small[0]).toBe('m');
    expect(large[0]).toBe('b');
    expect(large.length).toBeLessThan(1_000);
  });

  it('keeps incompressible large values uncompressed', () => {
    const noise = randomBytes(4_096);

    expect(codec.serialize({ value: noise })[0]).toBe('m');
  });

  it('survives the UTF-8 round trip strings make through Redis', () => {
    const text = codec.serialize({ value: Buffer.from([0, 128, 255, 10, 13]) });
    const throughRedis = Buffer.from(text, 'utf8').toString('utf8');

    expect(Buffer.from(codec.deserialize<Uint8Array>(throughRedis)!.value!)).toEqual(Buffer.from([0, 128, 255, 10, 13]));
  });

  it('reads nothing from strings it did not write', () => {
    expect(codec.deserialize(undefined)).toBeUndefined();
    expect(codec.deserialize('')).toBeUndefined();
    expect(() => codec.deserialize('{"value":1}')).toThrow('not a value this cache encoded');
  });
});
