import { CdnException, CdnExceptionCode } from '../cdn.exception.js';

export const MAX_ASSET_TAGS = 16;
const TAG = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;

/** Tags from form fields (`tags=a,b` or repeated `tags`): trimmed, deduplicated, each a short safe word. */
export function parseAssetTags(values: readonly string[] | undefined): string[] {
  const tags = [...new Set((values ?? []).flatMap((value) => value.split(',')).map((tag) => tag.trim()).filter((tag) => tag !== ''))];
  if (tags.length > MAX_ASSET_TAGS) {
    throw new CdnException(CdnExceptionCode.INVALID_TAGS, `An asset carries at most ${MAX_ASSET_TAGS} tags.`);
  }
  const bad = tags.find((tag) => !TAG.test(tag));
  if (bad !== undefined) {
    throw new CdnException(CdnExceptionCode.INVALID_TAGS, 'A tag is 1-64 letters, digits, "_", ".", ":" or "-", starting with a letter or digit.');
  }
  return tags;
}
