import { normalize } from '../normalize/index.js';
import { type InspectionCaps, reportCap, resolveCaps } from './inspection-caps.util.js';
import { type Detector, type DetectorMatch, type Paranoia, SEVERITY_SCORE } from './threat.types.js';

/** One field of a request: where it sits (`query.q`, `body.user.name`, `header.user-agent`) and its text. */
export interface InspectedValue {
  location: string;
  value: string;
}

export interface InspectOptions {
  paranoia: Paranoia;
  detectors: readonly Detector[];
  caps?: Partial<InspectionCaps>;
}

export type LocatedMatch = DetectorMatch & { location: string };

export interface InspectionResult {
  /** Sum of SEVERITY_SCORE over distinct (ruleId, location) matches. */
  score: number;
  matches: LocatedMatch[];
  /** `<kind>:<location>` for every cap a value ran into (see InspectionCaps). */
  capsExceeded: string[];
}

const MAX_FRAGMENT = 64;

/**
 * Normalises each value once, runs every detector on it at `paranoia`, and scores the distinct (ruleId, location)
 * matches. Values past the caps are cut or left out, and each such cut is reported in `capsExceeded`.
 */
export function inspect(values: readonly InspectedValue[], options: InspectOptions): InspectionResult {
  const caps = resolveCaps(options.caps);
  const capsExceeded: string[] = [];
  const matches: LocatedMatch[] = [];
  const seen = new Set<string>();
  let score = 0;
  let budget = caps.maxTotalChars;
  for (const [index, { location, value }] of values.entries()) {
    if (index >= caps.maxFields) {
      reportCap(capsExceeded, 'field-count', location);
      break;
    }
    if (budget <= 0 && value.length > 0) {
      reportCap(capsExceeded, 'total-size', location);
      break;
    }
    const length = Math.min(value.length, caps.maxFieldChars, budget);
    if (length < value.length) {
      reportCap(capsExceeded, length < Math.min(value.length, caps.maxFieldChars) ? 'total-size' : 'field-size', location);
    }
    budget -= length;
    const normalized = normalize(length < value.length ? value.slice(0, length) : value);
    for (const detector of options.detectors) {
      for (const match of detector.detect(normalized, options.paranoia)) {
        const key = `${match.ruleId}\u0000${location}`;
        // A detector that ignores the paranoia it was given must not raise the score at lower levels.
        if (match.paranoia > options.paranoia || seen.has(key)) {
          continue;
        }
        seen.add(key);
        matches.push({ ...match, fragment: match.fragment.slice(0, MAX_FRAGMENT), location });
        score += SEVERITY_SCORE[match.severity];
      }
    }
  }
  return { score, matches, capsExceeded };
}
