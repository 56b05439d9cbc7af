import { constants, createBrotliCompress, createDeflate, createGzip, type BrotliCompress, type Deflate, type Gzip } from 'node:zlib';

export type BombEncoding = 'gzip' | 'deflate' | 'br';

const CHUNK = Buffer.alloc(1_048_576, 0x20);

function compressor(encoding: BombEncoding): Gzip | Deflate | BrotliCompress {
  switch (encoding) {
    case 'gzip':
      return createGzip({ level: 9 });
    case 'deflate':
      return createDeflate({ level: 9 });
    case 'br':
      return createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 1 } });
  }
}

/**
 * `inflatedMiB` MiB of spaces compressed with `encoding`, built a MiB at a time so that making the bomb never
 * holds the inflated bytes either (a few hundred KiB on the wire).
 */
export async function compressionBomb(encoding: BombEncoding, inflatedMiB: number): Promise<Buffer> {
  const stream = compressor(encoding);
  const parts: Buffer[] = [];
  stream.on('data', (part: Buffer) => parts.push(part));
  const done = new Promise((resolve, reject) => {
    stream.once('end', resolve);
    stream.once('error', reject);
  });
  for (let written = 0; written < inflatedMiB; written++) {
    if (!stream.write(CHUNK)) {
      await new Promise((resolve) => stream.once('drain', resolve));
    }
  }
  stream.end();
  await done;
  return Buffer.concat(parts);
}

/** Samples the process' resident memory while `work` runs and returns how far it rose above where it started. */
export async function peakRssGrowth<T>(work: () => Promise<T>): Promise<{ result: T; growthBytes: number }> {
  const start = process.memoryUsage.rss();
  let peak = start;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 2);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { result, growthBytes: peak - start };
  } finally {
    clearInterval(sampler);
  }
}
