// svgo's browser build: see validate-text-body.ts.
import { optimize } from 'svgo/browser';

import { CdnException, CdnExceptionCode } from '../cdn.exception.js';

/**
 * Minifies an SVG with svgo's default preset in one pass (multipass buys a few bytes for several times the time).
 * Active content is not stripped here: validateTextBody refuses it before an SVG gets this far.
 */
export function minifySvg(source: Buffer | string): Buffer {
  try {
    return Buffer.from(optimize(source.toString(), { multipass: false, plugins: ['preset-default'] }).data);
  } catch (error) {
    const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    throw new CdnException(CdnExceptionCode.INVALID_CONTENT, `The SVG does not parse: ${message}`);
  }
}
