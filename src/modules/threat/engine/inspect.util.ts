import { normalize } from '../normalize/index.js';
import { type InspectionCaps, reportCap, resolveCaps } from './inspection-caps.util.js';
import { type Detector, type DetectorMatch, type Paranoia, SEVERITY_SCORE } from './threat.types.js';
import type { ValueMemo } from './value-memo.js';

const NONE: readonly DetectorMatch[] = Object.freeze([]);

/** One field of a request: where it sits (`query.q`, `body.user.name`, `header.user-agent`) and its text. */
export interface InspectedValue {
  location: string;
  value: string;
  /** A field name (`body.user#key`): field names repeat on every request of an endpoint, so the memo answers first. */
  key?: boolean;
}

export interface InspectOptions {
  paranoia: Paranoia;
  detectors: readonly Detector[];
  caps?: Partial<InspectionCaps>;
  /** Remembers what short values held; must belong to this `paranoia` and `detectors` (see ValueMemo). */
  memo?: ValueMemo;
  /**
   * True only for values in which no rule of `detectors` can match at any paranoia (see `isInertValue` in the
   * detector registry): those skip normalisation, the memo and the detectors.
   */
  inert?: (value: string) => boolean;
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
  // Created on the first match only: a clean request (the usual case) allocates nothing per value.
  let seen: Set<string> | undefined;
  let score = 0;
  let budget = caps.maxTotalChars;
  for (let index = 0; index < values.length; index++) {
    // `location` is read only when it is reported: flattenRequest spells it out on first read.
    const field = values[index] as InspectedValue;
    const { value, key: isKey } = field;
    if (index >= caps.maxFields) {
      reportCap(capsExceeded, 'field-count', field.location);
      break;
    }
    if (budget <= 0 && value.length > 0) {
      reportCap(capsExceeded, 'total-size', field.location);
      break;
    }
    const length = Math.min(value.length, caps.maxFieldChars, budget);
    if (length < value.length) {
      reportCap(capsExceeded, length < Math.min(value.length, caps.maxFieldChars) ? 'total-size' : 'field-size', field.location);
    }
    budget -= length;
    const inspected = length < value.length ? value.slice(0, length) : value;
    const found = detect(inspected, options, isKey === true);
    // Indexed: `for…of` allocated an iterator per value (the memo's frozen arrays and fresh ones do not share a shape).
    for (let m = 0; m < found.length; m++) {
      const match = found[m] as DetectorMatch;
      const { location } = field;
      const key = `${match.ruleId}\u0000${location}`;
      seen ??= new Set<string>();
      // A detector that ignores the paranoia it was given must not raise the score at lower levels.
      if (match.paranoia > options.paranoia || seen.has(key)) {
        continue;
      }
      seen.add(key);
      matches.push({ ...match, fragment: match.fragment.slice(0, MAX_FRAGMENT), location });
      score += SEVERITY_SCORE[match.severity];
    }
  }
  return { score, matches, capsExceeded };
}

/**
 * Every detector's matches in one value, from the memo when it has them. A field name is looked up in the memo before
 * the inert test, which costs more than a lookup, and remembered even when inert; other inert values (ids, dates,
 * e-mail addresses, unique to their request) stay out of the memo so that they do not push out what repeats.
 */
function detect(value: string, options: InspectOptions, isKey: boolean): readonly DetectorMatch[] {
  const { memo } = options;
  let remembered = isKey ? memo?.get(value) : undefined;
  if (remembered !== undefined) {
    return remembered;
  }
  if (options.inert?.(value) === true) {
    if (isKey) {
      memo?.remember(value, NONE);
    }
    return NONE;
  }
  remembered = isKey ? undefined : memo?.get(value);
  if (remembered !== undefined) {
    return remembered;
  }
  const normalized = normalize(value);
  let found: DetectorMatch[] | undefined;
  for (const detector of options.detectors) {
    const matches = detector.detect(normalized, options.paranoia);
    if (matches.length > 0) {
      (found ??= []).push(...matches);
    }
  }
  memo?.remember(value, found ?? NONE);
  return found ?? NONE;
}
