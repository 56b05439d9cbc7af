import type { DetectorMatch } from './threat.types.js';

const NO_MATCHES: readonly DetectorMatch[] = Object.freeze([]);

/**
 * What the detectors found in recently seen short values, so the field names, enums and ids that every request
 * repeats are inspected once, not on every request. Bounded in entries and value length; the oldest entry goes
 * first. A key churned out by a flood of unique values costs only a re-inspection: the memo never changes results.
 * One memo serves one (paranoia, detector set) pair.
 */
export class ValueMemo {
  private readonly entries = new Map<string, readonly DetectorMatch[]>();
  hits = 0;
  misses = 0;

  constructor(
    readonly maxEntries: number,
    /** Longer values are rare repeats and costly keys; they are always inspected. */
    readonly maxValueChars = 256,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** The remembered matches of `value`, or undefined when it must be inspected. */
  get(value: string): readonly DetectorMatch[] | undefined {
    if (value.length > this.maxValueChars) {
      return undefined;
    }
    const found = this.entries.get(value);
    if (found === undefined) {
      this.misses += 1;
    } else {
      this.hits += 1;
    }
    return found;
  }

  remember(value: string, matches: readonly DetectorMatch[]): void {
    if (value.length > this.maxValueChars || this.maxEntries === 0) {
      return;
    }
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) {
        this.entries.delete(oldest.value);
      }
    }
    this.entries.set(value, matches.length === 0 ? NO_MATCHES : Object.freeze([...matches]));
  }
}
