import { randomBytes } from 'node:crypto';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

import { precompress } from './precompress.js';

describe('precompress', () => {
  it('keeps gzip and Brotli of compressible text, and both decompress to the input', async () => {
    const body = Buffer.from('.button { color: red; background: blue; }\n'.repeat(200));
    const { gzip, br } = await precompress(body);
    expect(gzip).toBeDefined();
    expect(br).toBeDefined();
    expect(gzip!.length).toBeLessThan(body.length);
    expect(br!.length).toBeLessThan(body.length);
    expect(gunzipSync(gzip!).equals(body)).toBe(true);
    expect(brotliDecompressSync(br!).equals(body)).toBe(true);
  });

  it('keeps neither encoding of incompressible bytes', async () => {
    await expect(precompress(randomBytes(4_096))).resolves.toEqual({});
  });

  it('keeps neither encoding of a body too small to gain from one', async () => {
    await expect(precompress(Buffer.from('a{}'))).resolves.toEqual({});
  });
});
