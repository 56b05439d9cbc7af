import { crc32 } from 'node:zlib';
import sharp from 'sharp';

/** About 10 KB of ordinary, unminified JavaScript whose behaviour a test can check after minification. */
export function sampleScript(marker = 'bulwark'): string {
  const functions = Array.from({ length: 40 }, (_, index) =>
    [
      `/**`,
      ` * Adds ${index} to every value it is given; the comment and the spacing are what a minifier removes.`,
      ` */`,
      `function addConstant${index}(values) {`,
      `  const result = [];`,
      `  for (const value of values) {`,
      `    result.push(value + ${index});`,
      `  }`,
      `  return result;`,
      `}`,
      ``,
    ].join('\n'),
  ).join('\n');
  return `${functions}\nglobalThis.cdnMarker = '${marker}:' + addConstant39([1, 2, 3]).join(',');\n`;
}

export function sampleStylesheet(): string {
  const rules = Array.from({ length: 60 }, (_, index) => `.card-${index} {\n  margin: 0px 0px 0px 0px;\n  color: #ff0000;\n  padding: ${index}px;\n}\n`).join('\n');
  return `/* theme */\nbody {\n  background-color: #00ff00;\n}\n\n${rules}`;
}

/**
 * A photo-like PNG: gradients with sensor-like noise (seeded, so every run is the same), which lossless PNG stores
 * poorly and WebP/AVIF well, as with real photos; with EXIF to strip.
 */
export async function samplePng(width = 800, height = 600): Promise<Buffer> {
  const channels = 3;
  const pixels = Buffer.alloc(width * height * channels);
  let seed = 42;
  const noise = (): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return (seed % 24) - 12;
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const offset = (y * width + x) * channels;
      pixels[offset] = Math.max(0, Math.min(255, (x * 255) / width + noise()));
      pixels[offset + 1] = Math.max(0, Math.min(255, (y * 255) / height + noise()));
      pixels[offset + 2] = Math.max(0, Math.min(255, 128 + noise()));
    }
  }
  return sharp(pixels, { raw: { width, height, channels } })
    .withExif({ IFD0: { Copyright: 'secret-owner', Software: 'bulwark-tests' } })
    .png()
    .toBuffer();
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A few dozen bytes of PNG that declare `width`×`height` pixels: a decompression bomb's header. */
export function pngDeclaring(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])), chunk('IEND', Buffer.alloc(0))]);
}
