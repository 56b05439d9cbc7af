import { fileTypeFromBuffer } from 'file-type';

import type { AssetKind } from './asset-kind.js';

export { validateTextBody } from './validate-text-body.js';

/** How much of the body detection needs: file-type's sample size. */
export const SNIFF_BYTES = 4_100;

export type DetectedKind =
  | { ok: true; kind: AssetKind; contentType: string }
  | { ok: false; reason: 'unsupported' | 'mismatch' | 'empty'; detected: string | null; detail: string };

export interface DeclaredType {
  filename: string;
  mimeType: string;
}

export const CONTENT_TYPES: Record<AssetKind, string> = {
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  avif: 'image/avif',
  gif: 'image/gif',
  woff2: 'font/woff2',
  json: 'application/json; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
};

const BINARY_KINDS = new Set<AssetKind>(['png', 'jpeg', 'webp', 'avif', 'gif', 'woff2']);

const BY_EXTENSION: Record<string, AssetKind> = {
  js: 'js', mjs: 'mjs', css: 'css', svg: 'svg', png: 'png', jpg: 'jpeg', jpeg: 'jpeg', webp: 'webp',
  avif: 'avif', gif: 'gif', woff2: 'woff2', json: 'json', txt: 'txt',
};

const BY_MIME: Record<string, AssetKind> = {
  'text/javascript': 'js', 'application/javascript': 'js', 'application/x-javascript': 'js',
  'text/css': 'css', 'image/svg+xml': 'svg', 'image/png': 'png', 'image/jpeg': 'jpeg', 'image/webp': 'webp',
  'image/avif': 'avif', 'image/gif': 'gif', 'font/woff2': 'woff2', 'application/font-woff2': 'woff2',
  'application/json': 'json', 'text/plain': 'txt',
};

const NO_OPINION = new Set(['', 'application/octet-stream']);

/** What the client said: a kind, no opinion (`null`), or a type outside the allowlist (`'other'`). */
type Declared = AssetKind | null | 'other';

/**
 * Decides an upload's kind from `head` (its first SNIFF_BYTES bytes) and checks it against what the client declared.
 * Binary kinds come from magic bytes; text kinds need UTF-8 without NUL, then SVG is recognised by its root element
 * and the rest (JS, MJS, CSS, JSON, TXT) by the declared extension or type, since their content cannot tell them
 * apart. JSON is only checked to open with `{` or `[` here: the head is not the whole document, so
 * `validateTextBody` parses the full body. HTML is never accepted, whatever was declared (stored XSS).
 */
export async function detectAssetKind(head: Uint8Array, declared: DeclaredType): Promise<DetectedKind> {
  if (head.length === 0) {
    return { ok: false, reason: 'empty', detected: null, detail: 'The file is empty.' };
  }
  const sample = head.subarray(0, SNIFF_BYTES);
  const byMime = declaredByMime(declared.mimeType);
  const byExtension = declaredByExtension(declared.filename);
  const text = decodeText(sample);
  const magic = await fileTypeFromBuffer(sample);
  const binary = magic === undefined ? undefined : BY_EXTENSION[magic.ext];
  if (binary !== undefined && BINARY_KINDS.has(binary)) {
    return decideBinary(binary, byMime, byExtension);
  }
  if (text === null) {
    const detected = magic?.mime ?? null;
    return { ok: false, reason: 'unsupported', detected, detail: `The content (${detected ?? 'unknown binary'}) is not an accepted type.` };
  }
  return decideText(text, byMime, byExtension);
}

function decideBinary(kind: AssetKind, byMime: Declared, byExtension: AssetKind | null): DetectedKind {
  for (const said of [byMime, byExtension]) {
    if (said !== null && said !== kind) {
      return mismatch(kind, `The content is ${kind} but was declared as ${said === 'other' ? 'another type' : said}.`);
    }
  }
  return accepted(kind);
}

function decideText(text: string, byMime: Declared, byExtension: AssetKind | null): DetectedKind {
  const body = skipProlog(text);
  if (HTML_START.test(body)) {
    return { ok: false, reason: 'unsupported', detected: 'text/html', detail: 'HTML documents are not served by the CDN.' };
  }
  if (byMime === 'other') {
    return { ok: false, reason: 'unsupported', detected: 'text', detail: 'The declared type is not an accepted type.' };
  }
  const isSvg = SVG_ROOT.test(body);
  const said = textKindDeclared(byMime, byExtension);
  if (said === 'conflict') {
    return mismatch('text', 'The declared type and the file extension disagree.');
  }
  if (isSvg) {
    return said === null || said === 'svg' ? accepted('svg') : mismatch('svg', `The content is svg but was declared as ${said}.`);
  }
  if (said === 'svg' || (said !== null && BINARY_KINDS.has(said))) {
    return mismatch('text', `The content is text but was declared as ${said}.`);
  }
  if (said === 'json' && !/^\s*[[{]/u.test(text.replace(/^\uFEFF/u, ''))) {
    return mismatch('text', 'The content does not start like a JSON object or array.');
  }
  return accepted(said ?? 'txt');
}

/** The kind the mime type and extension agree on; `.mjs` refines `text/javascript`. */
function textKindDeclared(byMime: Declared, extension: AssetKind | null): AssetKind | null | 'conflict' {
  const mime = byMime === 'other' ? null : byMime;
  if (mime === null || extension === null || mime === extension) {
    return extension ?? mime;
  }
  return mime === 'js' && extension === 'mjs' ? 'mjs' : 'conflict';
}

function declaredByMime(mimeType: string): Declared {
  const essence = (mimeType.split(';')[0] ?? '').trim().toLowerCase();
  if (NO_OPINION.has(essence)) {
    return null;
  }
  return BY_MIME[essence] ?? 'other';
}

/** The extension's kind; no extension or one outside the allowlist (`.bin`, `.dat`) says nothing. */
function declaredByExtension(filename: string): AssetKind | null {
  const extension = /\.([^./\\]+)$/u.exec(filename.trim())?.[1];
  return extension === undefined ? null : (BY_EXTENSION[extension.toLowerCase()] ?? null);
}

/** The head as text, or null when it is not UTF-8 or holds a NUL. A sequence cut at the end of the head is fine. */
function decodeText(head: Uint8Array): string | null {
  if (head.includes(0)) {
    return null;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(head, { stream: true });
  } catch {
    return null;
  }
}

// BOM, whitespace, XML declaration, processing instructions, comments and a doctype (with its internal subset).
const PROLOG = /^(?:\uFEFF|\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!doctype\s+(?!html[\s>])[^[>]*(?:\[[\s\S]*?\])?\s*>)*/iu;
const SVG_ROOT = /^<svg[\s>/]/u;
// The WHATWG MIME sniffing standard's HTML signatures: what a browser would render as HTML.
const HTML_START = /^<(?:!doctype\s+html|html|head|script|iframe|h1|div|font|table|a|style|title|b|body|br|p)[\s>]/iu;

function skipProlog(text: string): string {
  return text.replace(PROLOG, '');
}

function accepted(kind: AssetKind): DetectedKind {
  return { ok: true, kind, contentType: CONTENT_TYPES[kind] };
}

function mismatch(detected: string, detail: string): DetectedKind {
  return { ok: false, reason: 'mismatch', detected, detail };
}
