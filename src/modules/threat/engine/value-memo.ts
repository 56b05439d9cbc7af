import type { DetectorMatch } from './threat.types.js';

const NO_MATCHES: readonly DetectorMatch[] = Object.freeze([]);

/**
 * What the detectors found in recently seen short values, so the field names, enums and ids that every request
 * repeats are inspected once, not on every request. Bounded in entries and value length. Two generations: when the
 * young one is full it becomes the old one and the previous old one is dropped whole, and a hit in the old one moves
 * the value back to the young one. That keeps every operation O(1); evicting the oldest key of one big Map instead
 * (`keys().next()`) walks the holes deletions leave and made the memo slower than inspecting. A key churned out by a
 * flood of unique values costs only a re-inspection: the memo never changes results. One memo serves one
 * (paranoia, detector set) pair.
 */
export class ValueMemo {
  private young = new Map<string, readonly DetectorMatch[]>();
  private old = new Map<string, readonly DetectorMatch[]>();
  private readonly generationSize: number;
  hits = 0;
  misses = 0;

  constructor(
    readonly maxEntries: number,
    /**
     * Longer values (prose, URLs with ids) rarely repeat: remembering them only churns the memo. A browser's
     * User-Agent (100 to 200 characters, the same on every request of a client) does, and costs tens of µs to inspect.
     */
    readonly maxValueChars = 256,
  ) {
    this.generationSize = Math.ceil(maxEntries / 2);
  }

  get size(): number {
    return this.young.size + this.old.size;
  }

  /** The remembered matches of `value`, or undefined when it must be inspected. */
  get(value: string): readonly DetectorMatch[] | undefined {
    if (value.length > this.maxValueChars) {
      return undefined;
    }
    let found = this.young.get(value);
    if (found === undefined) {
      found = this.old.get(value);
      if (found !== undefined) {
        this.store(value, found);
      }
    }
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
    this.store(value, matches.length === 0 ? NO_MATCHES : Object.freeze([...matches]));
  }

  private store(value: string, matches: readonly DetectorMatch[]): void {
    if (this.young.size >= this.generationSize) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(value, matches);
  }
}
