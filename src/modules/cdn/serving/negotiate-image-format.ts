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
 * Formats a client must name to get: browsers that cannot decode them still send `image/*` and `*\/*` (Safari 14
 * sends `image/webp,…,image/*;q=0.8` without AVIF), so a wildcard is no promise — as Cloudflare Polish and imgproxy
 * also read it.
 */
const NAMED_ONLY = new Set(['image/avif', 'image/webp']);

function acceptance(contentType: string, ranges: readonly MediaRange[] | null): number {
  const named = NAMED_ONLY.has((contentType.split(';')[0] ?? '').trim().toLowerCase());
  if (ranges === null) {
    return named ? 0 : 1;
  }
  if (named) {
    const [type = '', subtype = ''] = contentType.toLowerCase().split('/');
    return ranges.find((range) => range.type === type && range.subtype === subtype)?.q ?? 0;
  }
  return weightOf(contentType, ranges);
}

/**
 * Picks the content type to serve: the smallest candidate the client accepts (q > 0), ties to the higher q; AVIF and
 * WebP only when named. Browsers weight `*\/*` below the formats they name, yet they decode every format they accept,
 * so bytes saved count for more than q. Returns null when `Accept` rules out every candidate.
 */
export function negotiateImageFormat(header: string | undefined, candidates: readonly ImageCandidate[]): string | null {
  const ranges = header === undefined ? null : parseAccept(header);
  let chosen: ImageCandidate | null = null;
  let chosenQ = 0;
  for (const candidate of candidates) {
    const q = acceptance(candidate.contentType, ranges);
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
