import { transform, type TransformOptions } from 'esbuild';

import { toInvalidContent } from './esbuild-error.util.js';

/** esbuild's options for stylesheets: the same choices as for scripts (see SCRIPT_MINIFY_OPTIONS). */
export const CSS_MINIFY_OPTIONS: TransformOptions = {
  charset: 'utf8',
  legalComments: 'inline',
  loader: 'css',
  minify: true,
  target: 'esnext',
};

/**
 * Minifies CSS with esbuild. esbuild parses CSS with the specification's error recovery, as browsers do: a stray `}`
 * or an unclosed block is a warning and the output is what a browser would have applied, so real stylesheets with
 * hacks (`*zoom: 1`) still pass. Should esbuild report an error, it is a CdnException INVALID_CONTENT (422).
 */
export async function minifyCss(source: Buffer | string): Promise<Buffer> {
  try {
    const { code } = await transform(source, CSS_MINIFY_OPTIONS);
    return Buffer.from(code);
  } catch (error) {
    throw toInvalidContent(error, 'CSS');
  }
}
