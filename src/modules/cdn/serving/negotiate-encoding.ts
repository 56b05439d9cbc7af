import type { ContentEncoding } from './served-asset.js';

/** Server preference among codings a client weighs equally: smallest body first. */
const PREFERENCE: readonly ContentEncoding[] = ['br', 'gzip', 'identity'];

/** Identity the client does not list stays acceptable, but below every coding it does list. */
const UNLISTED_IDENTITY_Q = 0.001;

/** Clients send a handful of distinct Accept-Encoding values, so each is parsed once, not once per request. */
const MEMO_LIMIT = 256;
const memo = new Map<string, Map<string, number>>();

function parsedWeights(header: string): Map<string, number> {
  let weights = memo.get(header);
  if (weights === undefined) {
    weights = parseAcceptEncoding(header);
    if (memo.size >= MEMO_LIMIT) {
      memo.clear();
    }
    memo.set(header, weights);
  }
  return weights;
}

/** `Accept-Encoding` as coding → q (names lower-cased, `x-gzip` read as `gzip`). */
export function parseAcceptEncoding(header: string): Map<string, number> {
  const weights = new Map<string, number>();
  for (const element of header.split(',')) {
    const [rawName, ...params] = element.split(';');
    let name = rawName?.trim().toLowerCase() ?? '';
    if (name === '') {
      continue;
    }
    if (name === 'x-gzip') {
      name = 'gzip';
    }
    weights.set(name, qValue(params));
  }
  return weights;
}

/** The `q` parameter of an element (1 when absent, 0 when malformed: a weight that cannot be read accepts nothing). */
export function qValue(params: readonly string[]): number {
  for (const param of params) {
    const [key, value] = param.split('=');
    if (key?.trim().toLowerCase() === 'q') {
      const q = Number(value?.trim());
      return Number.isFinite(q) && q >= 0 && q <= 1 ? q : 0;
    }
  }
  return 1;
}

/**
 * Picks the coding to answer with among `available` (RFC 9110 §12.5.3): the highest q wins, ties go to br, then gzip,
 * then identity. No header: identity when stored, as nginx and every browser-facing server do, else the smallest
 * coding (any coding is acceptable then). A coding the client does not list takes the weight of `*`; identity, unlisted,
 * ranks below every listed coding but stays acceptable unless `identity;q=0`, or `*;q=0` without an `identity` entry, rules it out. Returns null when nothing
 * stored is acceptable: the caller answers 406 (only reachable when identity is excluded or not stored).
 */
export function negotiateEncoding(header: string | undefined, available: readonly ContentEncoding[]): ContentEncoding | null {
  if (header === undefined) {
    return available.includes('identity') ? 'identity' : (PREFERENCE.find((coding) => available.includes(coding)) ?? null);
  }
  const weights = parsedWeights(header);
  const wildcard = weights.get('*');
  let best: ContentEncoding | null = null;
  let bestQ = 0;
  for (const coding of PREFERENCE) {
    if (!available.includes(coding)) {
      continue;
    }
    const q = weights.get(coding) ?? wildcard ?? (coding === 'identity' ? UNLISTED_IDENTITY_Q : 0);
    if (q > bestQ) {
      best = coding;
      bestQ = q;
    }
  }
  return best;
}
