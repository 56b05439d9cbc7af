import { randomBytes } from 'node:crypto';
import sharp from 'sharp';

import { type DetectedKind, detectAssetKind, SNIFF_BYTES } from './detect-asset-kind.js';

type ImageFormat = 'png' | 'jpeg' | 'webp' | 'avif' | 'gif';

async function image(format: ImageFormat): Promise<Buffer> {
  return sharp({ create: { width: 16, height: 16, channels: 3, background: '#3366cc' } }).toFormat(format).toBuffer();
}

// A WOFF2 header: signature and a TrueType flavour; the tables that follow do not matter for detection.
const WOFF2 = Buffer.concat([Buffer.from('wOF2'), Buffer.from([0, 1, 0, 0]), Buffer.alloc(40, 1)]);
const text = (value: string): Buffer => Buffer.from(value, 'utf8');
const detect = async (head: Uint8Array, filename: string, mimeType: string): Promise<DetectedKind> => detectAssetKind(head, { filename, mimeType });

describe('detectAssetKind', () => {
  it('exports file-type’s sample size', () => {
    expect(SNIFF_BYTES).toBe(4_100);
  });

  it.each<[ImageFormat, string, string]>([
    ['png', 'logo.png', 'image/png'],
    ['jpeg', 'photo.jpg', 'image/jpeg'],
    ['webp', 'photo.webp', 'image/webp'],
    ['avif', 'photo.avif', 'image/avif'],
    ['gif', 'anim.gif', 'image/gif'],
  ])('accepts %s bytes declared as %s (%s)', async (format, filename, mimeType) => {
    await expect(detect(await image(format), filename, mimeType)).resolves.toEqual({ ok: true, kind: format, contentType: mimeType });
  });

  it('accepts a WOFF2 font', async () => {
    await expect(detect(WOFF2, 'inter.woff2', 'font/woff2')).resolves.toEqual({ ok: true, kind: 'woff2', contentType: 'font/woff2' });
  });

  it.each([
    ['app.js', 'text/javascript', 'const a = 1;', 'js', 'text/javascript; charset=utf-8'],
    ['app.mjs', 'text/javascript', 'export const a = 1;', 'mjs', 'text/javascript; charset=utf-8'],
    ['app.mjs', 'application/octet-stream', 'export const a = 1;', 'mjs', 'text/javascript; charset=utf-8'],
    ['site.css', 'text/css', 'body { color: red }', 'css', 'text/css; charset=utf-8'],
    ['data.json', 'application/json', ' {"a": 1}', 'json', 'application/json; charset=utf-8'],
    ['list.json', '', '[1, 2]', 'json', 'application/json; charset=utf-8'],
    ['notes.txt', 'text/plain; charset=utf-8', 'hello', 'txt', 'text/plain; charset=utf-8'],
    ['README', '', 'no extension, no type', 'txt', 'text/plain; charset=utf-8'],
    ['icon.svg', 'image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg"/>', 'svg', 'image/svg+xml'],
  ])('accepts %s declared as "%s" by its extension and type', async (filename, mimeType, body, kind, contentType) => {
    await expect(detect(text(body), filename, mimeType)).resolves.toEqual({ ok: true, kind, contentType });
  });

  it('recognises an SVG root behind a BOM, XML declaration, comments and a doctype', async () => {
    const svg = '\uFEFF<?xml version="1.0"?>\n<!-- made by hand -->\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x.dtd">\n<svg width="1">';
    await expect(detect(text(svg), 'icon', '')).resolves.toMatchObject({ ok: true, kind: 'svg' });
  });

  it('decides a binary kind by magic bytes alone when nothing was declared', async () => {
    await expect(detect(await image('png'), 'upload.bin', 'application/octet-stream')).resolves.toMatchObject({ ok: true, kind: 'png' });
  });

  it.each<[string, () => Promise<Buffer>, string, string, string]>([
    ['PNG bytes declared as image/jpeg', async () => image('png'), 'a.png', 'image/jpeg', 'png'],
    ['PNG bytes named .jpg', async () => image('png'), 'a.jpg', '', 'png'],
    ['JPEG bytes declared as text/javascript', async () => image('jpeg'), 'a.js', 'text/javascript', 'jpeg'],
    ['a GIF/JS polyglot declared as JavaScript', async () => Promise.resolve(text('GIF89a=1;alert(document.cookie)')), 'x.js', 'text/javascript', 'gif'],
    ['JS declared as image/png', async () => Promise.resolve(text('alert(1)')), 'x.png', 'image/png', 'text'],
    ['text declared as a font', async () => Promise.resolve(text('not a font')), 'x.woff2', 'font/woff2', 'text'],
    ['JS declared as SVG', async () => Promise.resolve(text('alert(1)')), 'x.svg', 'image/svg+xml', 'text'],
    ['an SVG declared as JavaScript', async () => Promise.resolve(text('<svg onload="alert(1)">')), 'x.js', 'text/javascript', 'svg'],
    ['text declared JSON that is not an object or array', async () => Promise.resolve(text('alert(1)')), 'x.json', 'application/json', 'text'],
    ['a .css name with a JavaScript type', async () => Promise.resolve(text('a{}')), 'x.css', 'text/javascript', 'text'],
    ['PNG bytes with a type outside the allowlist', async () => image('png'), 'a', 'application/pdf', 'png'],
  ])('refuses %s as a mismatch', async (_label, body, filename, mimeType, detected) => {
    await expect(detect(await body(), filename, mimeType)).resolves.toMatchObject({ ok: false, reason: 'mismatch', detected });
  });

  it.each([
    ['<!DOCTYPE html><html><body>hi</body></html>', 'page.txt', 'text/plain'],
    ['  <html lang="en"><script>alert(1)</script>', 'page.js', 'text/javascript'],
    ['<!-- c --><HTML>', 'page.json', 'application/json'],
    ['<script>alert(1)</script>', 'x', ''],
  ])('refuses HTML (%s) whatever was declared', async (body, filename, mimeType) => {
    await expect(detect(text(body), filename, mimeType)).resolves.toMatchObject({ ok: false, reason: 'unsupported', detected: 'text/html' });
  });

  it('refuses text declared with a type outside the allowlist', async () => {
    await expect(detect(text('plain'), 'x.html', 'text/html')).resolves.toMatchObject({ ok: false, reason: 'unsupported' });
  });

  it('refuses an empty file', async () => {
    await expect(detect(new Uint8Array(0), 'a.js', 'text/javascript')).resolves.toMatchObject({ ok: false, reason: 'empty', detected: null });
  });

  it('refuses random binary and known binaries outside the allowlist', async () => {
    const random = Buffer.concat([Buffer.from([0xff, 0x00, 0xfe]), randomBytes(200)]);
    await expect(detect(random, 'a.bin', '')).resolves.toMatchObject({ ok: false, reason: 'unsupported', detected: null });
    const zip = Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(60, 0)]);
    await expect(detect(zip, 'a.js', 'text/javascript')).resolves.toMatchObject({ ok: false, reason: 'unsupported' });
  });

  it('refuses invalid UTF-8 and NUL bytes as text', async () => {
    await expect(detect(Buffer.from([0x61, 0xc3, 0x28, 0x62]), 'a.txt', 'text/plain')).resolves.toMatchObject({ ok: false, reason: 'unsupported' });
    await expect(detect(text('a\u0000b'), 'a.txt', 'text/plain')).resolves.toMatchObject({ ok: false, reason: 'unsupported' });
  });

  it('accepts a head that cuts a multi-byte character at its end', async () => {
    const head = text(`${'é'.repeat(3)}`).subarray(0, 5);
    await expect(detect(head, 'a.txt', 'text/plain')).resolves.toMatchObject({ ok: true, kind: 'txt' });
  });
});
