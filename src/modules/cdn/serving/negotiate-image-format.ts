import { qValue } from './negotiate-encoding.js';

/** One media range of `Accept`: `image/webp`, `image/*` or `*\/*`, with its weight. */
interface MediaRange {
  type: string;
  subtype: string;
  q: number;
}

/** A form an image can be served in. */
export interface ImageCandidate {
  contentType: string;
  size: number;
}

export function parseAccept(header: string): MediaRange[] {
  const ranges: MediaRange[] = [];
  for (const element of header.split(',')) {
    const [mediaRange, ...params] = element.split(';');
    const [type, subtype] = (mediaRange ?? '').trim().toLowerCase().split('/');
    if (type && subtype) {
      ranges.push({ type, subtype, q: qValue(params) });
    }
  }
  return ranges;
}

/** The weight `Accept` gives a media type: that of the most specific matching range (exact, then `type/*`, then `*\/*`). */
function weightOf(contentType: string, ranges: readonly MediaRange[]): number {
  const [type = '', subtype = ''] = (contentType.split(';')[0] ?? '').trim().toLowerCase().split('/');
  let best = -1;
  let specificity = -1;
  for (const range of ranges) {
    const rank = range.type === type && range.subtype === subtype ? 2 : range.type === type && range.subtype === '*' ? 1 : range.type === '*' ? 0 : -1;
    if (rank > specificity) {
      specificity = rank;
      best = range.q;
    }
  }
  return specificity < 0 ? 0 : best;
}

/**
 * Picks the content type to serve: the smallest candidate the client accepts at all (q > 0), ties to the higher q.
 * Browsers weight `*\/*` below the formats they name, yet they decode every format they accept, so bytes saved count
 * for more than q. No header accepts everything. Returns null when `Accept` rules out every candidate.
 */
export function negotiateImageFormat(header: string | undefined, candidates: readonly ImageCandidate[]): string | null {
  const ranges = header === undefined ? null : parseAccept(header);
  let chosen: ImageCandidate | null = null;
  let chosenQ = 0;
  for (const candidate of candidates) {
    const q = ranges === null ? 1 : weightOf(candidate.contentType, ranges);
    if (q <= 0) {
      continue;
    }
    if (chosen === null || candidate.size < chosen.size || (candidate.size === chosen.size && q > chosenQ)) {
      chosen = candidate;
      chosenQ = q;
    }
  }
  return chosen?.contentType ?? null;
}
