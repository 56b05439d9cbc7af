import type { TransformFailure } from 'esbuild';

import { CdnException, CdnExceptionCode } from '../cdn.exception.js';

/** esbuild's first error as a 422 with its line and column; anything else is not the input's fault and is rethrown. */
export function toInvalidContent(error: unknown, language: string): unknown {
  const first = (error as Partial<TransformFailure>).errors?.[0];
  if (first === undefined) {
    return error;
  }
  const where = first.location === null ? '' : ` at line ${first.location.line}, column ${first.location.column + 1}`;
  return new CdnException(CdnExceptionCode.INVALID_CONTENT, `${language} syntax error${where}: ${first.text}`);
}
