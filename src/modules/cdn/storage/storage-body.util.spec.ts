import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { ByteCounter, sliceStream, StorageSizeMismatchError } from './storage-body.util.js';

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

describe('storage-body.util', () => {
  describe(ByteCounter.name, () => {
    it('passes the bytes through and counts them', async () => {
      const counter = new ByteCounter('k', 6);
      const out = readAll(counter);

      await pipeline(Readable.from([Buffer.from('abc'), Buffer.from('def')]), counter);

      await expect(out).resolves.toEqual(Buffer.from('abcdef'));
      expect(counter.bytes).toBe(6);
    });

    it.each([
      ['short', 7],
      ['long', 5],
    ])('fails a body that is too %s for its declared size', async (_label, expected) => {
      const counter = new ByteCounter('k', expected);
      counter.resume();

      await expect(pipeline(Readable.from([Buffer.from('abc'), Buffer.from('def')]), counter)).rejects.toBeInstanceOf(StorageSizeMismatchError);
    });
  });

  describe(sliceStream.name, () => {
    const chunks = (): Buffer[] => [Buffer.from('0123'), Buffer.from('4567'), Buffer.from('89ab')];

    it.each([
      [0, 1, '0'],
      [3, 2, '34'],
      [5, 6, '56789a'],
      [11, 1, 'b'],
      [0, 12, '0123456789ab'],
    ])('skips %d bytes and keeps %d across chunk edges', async (skip, count, expected) => {
      await expect(readAll(sliceStream(Readable.from(chunks()), skip, count))).resolves.toEqual(Buffer.from(expected));
    });

    it('stops reading the source once it has the bytes', async () => {
      const source = Readable.from(chunks());

      await readAll(sliceStream(source, 0, 2));

      expect(source.destroyed).toBe(true);
      expect(source.readableEnded).toBe(false);
    });
  });
});
