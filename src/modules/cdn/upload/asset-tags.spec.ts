import { CdnException } from '../cdn.exception.js';
import { MAX_ASSET_TAGS, parseAssetTags } from './asset-tags.js';

describe(parseAssetTags.name, () => {
  it('splits commas and repeated fields, trims and deduplicates', () => {
    expect(parseAssetTags(['release-42, js', 'js', ' css '])).toEqual(['release-42', 'js', 'css']);
    expect(parseAssetTags(undefined)).toEqual([]);
    expect(parseAssetTags([' , '])).toEqual([]);
  });

  it.each([['a tag with a space inside'], ['-leading'], ['x'.repeat(65)], ['<script>']])('refuses %s', (tag) => {
    expect(() => parseAssetTags([tag])).toThrow(CdnException);
  });

  it(`refuses more than ${MAX_ASSET_TAGS} tags`, () => {
    const tags = Array.from({ length: MAX_ASSET_TAGS + 1 }, (_, index) => `t${index}`);
    expect(() => parseAssetTags([tags.join(',')])).toThrow(expect.objectContaining({ code: 'CDN.INVALID_TAGS', status: 400 }) as Error);
  });
});
