import { transform, type TransformOptions } from 'esbuild';

import { toInvalidContent } from './esbuild-error.util.js';

/**
 * esbuild's options for scripts. No `format`: a transform keeps the module format as written (a classic script stays
 * one, its top-level names stay global). Legal comments stay inline: MIT and BSD licences require the notice to
 * travel with the code, and they cost a few hundred bytes. `charset: 'utf8'` keeps non-ASCII text as is (smaller than
 * `\u` escapes); we always serve `charset=utf-8`.
 */
export const SCRIPT_MINIFY_OPTIONS: TransformOptions = {
  charset: 'utf8',
  legalComments: 'inline',
  loader: 'js',
  minify: true,
  target: 'esnext',
};

/** Minifies JavaScript (classic or module) with esbuild; a syntax error is a CdnException INVALID_CONTENT (422). */
export async function minifyScript(source: Buffer | string): Promise<Buffer> {
  try {
    const { code } = await transform(source, SCRIPT_MINIFY_OPTIONS);
    return Buffer.from(code);
  } catch (error) {
    throw toInvalidContent(error, 'JavaScript');
  }
}
