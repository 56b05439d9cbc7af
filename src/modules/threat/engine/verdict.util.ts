/** CRS's default inbound anomaly threshold: one critical match blocks. */
export const DEFAULT_BLOCKING_THRESHOLD = 5;

export type ThreatVerdict = 'malicious' | 'clean';

/** `malicious` once the anomaly score reaches the blocking threshold. */
export function verdict(score: number, threshold: number = DEFAULT_BLOCKING_THRESHOLD): ThreatVerdict {
  if (!(threshold > 0)) {
    // A threshold of 0 or less would flag every request, including ones with no match at all.
    throw new RangeError(`blocking threshold must be positive, got ${threshold}`);
  }
  return score >= threshold ? 'malicious' : 'clean';
}
