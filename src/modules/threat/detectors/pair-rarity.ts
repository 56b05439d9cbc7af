/**
 * How rare a character, and a pair of them, is in benign request values: prose, names, ids, dates, prices, e-mail
 * addresses and URLs. A needle is looked up by its rarest pair and gated on its rarest character, so the rarer these
 * are in real traffic, the fewer benign values reach a needle's full check. Only speed depends on it: every pair and
 * every character of a needle is necessary, so any choice is sound.
 */

/** Letters by falling frequency in English prose. */
const LETTERS = 'etaoinsrhldcumfpgwybvkxjqz';
/** Punctuation benign values hold all the time: dates, times, prices, addresses, slugs, e-mail addresses and URLs. */
const COMMON_PUNCTUATION = new Set([...'-.:/_@,'].map((c) => c.charCodeAt(0)));
/** The most frequent letter pairs of English prose (Norvig's counts, the top 150): rarity 0, the commonest a pair gets. */
const COMMON_BIGRAMS = new Set(
  [
    'th he in er an re on at en nd ti es or te of ed is it al ar st to nt ng se ha as ou io le ve co me de hi ri ro ic ne ea ra ce li ch ll be ma si om ur',
    'ca el ta la ns di fo ho pe ec pr no ct us ac ot il tr ly nc et ut ss so rs un lo wa ge ie wh ee wi em ad ol rt po we na ul ni ts mo ow pa im mi ai sh',
    'ir su id os iv ia am fi ci vi pl ig tu ev ld ry mp fe bl ab gh ty op wo sa ay ex ke fr oo av ag if ap gr od bo sp rd do uc bu ei ov by rm ep tt oc',
  ]
    .join(' ')
    .split(' ')
    .map((bigram) => (bigram.charCodeAt(0) << 7) | bigram.charCodeAt(1)),
);
const MOST_RARE = 30;

/** 0 (space, `e`) to 30 (punctuation outside dates and URLs, `z`); digits are common, as in ids, dates and prices. */
export function charRarity(code: number): number {
  if (code === 0x20) {
    return 0;
  }
  if (code >= 0x30 && code <= 0x39) {
    return 2;
  }
  const rank = LETTERS.indexOf(String.fromCharCode(code));
  return rank >= 0 ? rank : COMMON_PUNCTUATION.has(code) ? 12 : MOST_RARE;
}

/** The rarity of a case-folded pair (`previous << 7 | code`). */
export function pairRarity(pair: number): number {
  return COMMON_BIGRAMS.has(pair) ? 0 : charRarity(pair >> 7) + charRarity(pair & 0x7f);
}
