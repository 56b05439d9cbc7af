import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

export interface Precompressed {
  gzip?: Buffer;
  br?: Buffer;
}

/**
 * gzip (level 9) and Brotli (quality 11, text mode) of `body`, computed once at upload in the libuv pool, each kept
 * only when strictly smaller than the body. No minimum saving beyond that: any byte saved is saved on every request,
 * and the response picks the smallest the client accepts.
 */
export async function precompress(body: Buffer): Promise<Precompressed> {
  const [gzipped, brotli] = await Promise.all([
    gzipAsync(body, { level: 9 }),
    brotliAsync(body, {
      params: {
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }),
  ]);
  return {
    ...(gzipped.length < body.length ? { gzip: gzipped } : {}),
    ...(brotli.length < body.length ? { br: brotli } : {}),
  };
}
