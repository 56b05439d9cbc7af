import { needleSet } from './form-profile.js';
import { charRarity, pairRarity } from './pair-rarity.js';

const pair = (text: string): number => (text.charCodeAt(0) << 7) | text.charCodeAt(1);

describe('pair rarity', () => {
  it('ranks digits and the punctuation of dates and URLs as common, other punctuation as rare', () => {
    expect([...'07-:/.'].map((c) => charRarity(c.charCodeAt(0)) < charRarity('z'.charCodeAt(0)))).toEqual([true, true, true, true, true, true]);
    expect([...'<${'].map((c) => charRarity(c.charCodeAt(0)) > charRarity('z'.charCodeAt(0)))).toEqual([true, true, true]);
  });

  it('ranks the commonest English letter pairs below pairs of the same letters in another order', () => {
    expect(pairRarity(pair('th'))).toBeLessThan(pairRarity(pair('ht')));
    expect(pairRarity(pair('ng'))).toBeLessThan(pairRarity(pair('gn')));
  });

  it('keys a needle by a pair that timestamps, prices and prose seldom hold', () => {
    const keys = (needle: string) => [...needleSet([needle]).byKey.keys()];
    expect(keys('aced0005')).not.toContain(pair('00'));
    expect(keys('running')).not.toContain(pair('ng'));
  });
});
