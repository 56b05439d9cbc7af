import { build, type Histogram } from 'hdr-histogram-js';

import { WINDOWS, type RequestWindowStats, type WindowName } from '../signals/request-stats.js';

/** Fine slots cover the 1-minute window; completed minutes are folded into minute slots for the 5 m and 1 h windows. */
const SLOT_MS = 10_000;
const SLOTS_PER_MINUTE = 6;
const MINUTE_MS = SLOT_MS * SLOTS_PER_MINUTE;
const MINUTES_KEPT = WINDOWS['1h'] / MINUTE_MS;
/** Microseconds, up to an hour: a request slower than that is recorded as an hour. */
const HIGHEST_US = 3_600_000_000;

interface Slot {
  /** Index of the slot since the epoch (start time / slot length). */
  index: number;
  histogram: Histogram;
  errors: number;
  /** Fine slots only: already added into its minute slot (done once, when the slot is over). */
  folded?: boolean;
}

// Hot slots take one record per request, so they use plain 32-bit counts (about 80 ns a record); the 60 kept minute
// slots only receive merges, so they use the packed layout, a few KB each instead of 14 KB.
const hotHistogram = (): Histogram => build({ bitBucketSize: 32, highestTrackableValue: HIGHEST_US, lowestDiscernibleValue: 1, numberOfSignificantValueDigits: 2 });
const packedHistogram = (): Histogram => build({ bitBucketSize: 'packed', highestTrackableValue: HIGHEST_US, lowestDiscernibleValue: 1, numberOfSignificantValueDigits: 2 });

/**
 * Latency and error counts of one series (a route, or all of them) over sliding windows of 1 min, 5 min and 1 h,
 * in HDR histograms (2 significant digits). A window is its whole slots plus the running one, so it slides in
 * 10 s steps for 1 min and in 1 min steps for the longer windows.
 */
export class SlidingLatency {
  private readonly fine: Slot[] = [];
  private readonly minutes: Slot[] = [];

  constructor(private readonly startedAt: number) {}

  record(durationUs: number, isError: boolean, now: number): void {
    const slot = this.currentSlot(now);
    slot.histogram.recordValue(Math.min(Math.max(1, Math.round(durationUs)), HIGHEST_US));
    if (isError) {
      slot.errors += 1;
    }
  }

  stats(window: WindowName, now: number): RequestWindowStats {
    this.rotate(Math.floor(now / SLOT_MS));
    const histogram = packedHistogram();
    let errors = 0;
    for (const slot of this.slotsOf(window, now)) {
      histogram.add(slot.histogram);
      errors += slot.errors;
    }
    const requests = histogram.totalCount;
    const coveredMs = Math.max(1, Math.min(now - this.startedAt, this.coverage(window, now)));
    const ms = (percentile: number): number => (requests === 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1_000);
    return {
      requests,
      errors,
      rps: (requests * 1_000) / coveredMs,
      errorRate: requests === 0 ? 0 : errors / requests,
      meanMs: requests === 0 ? 0 : histogram.mean / 1_000,
      p50Ms: ms(50),
      p95Ms: ms(95),
      p99Ms: ms(99),
      maxMs: requests === 0 ? 0 : histogram.maxValue / 1_000,
    };
  }

  /** Nothing recorded within the longest window: the series can be dropped. */
  isIdle(now: number): boolean {
    this.rotate(Math.floor(now / SLOT_MS));
    return this.fine.length === 0 && this.minutes.length === 0;
  }

  private slotsOf(window: WindowName, now: number): Slot[] {
    if (window === '1m') {
      return this.fine;
    }
    const oldestMinute = Math.floor(now / MINUTE_MS) - WINDOWS[window] / MINUTE_MS + 1;
    // Minute slots hold every finished fine slot; the running fine slot is added on its own.
    return [...this.minutes.filter((slot) => slot.index >= oldestMinute), ...this.fine.filter((slot) => slot.folded !== true)];
  }

  /** Milliseconds the window's slots span, the running one up to now. */
  private coverage(window: WindowName, now: number): number {
    const unit = window === '1m' ? SLOT_MS : MINUTE_MS;
    return WINDOWS[window] - unit + (now % unit);
  }

  private currentSlot(now: number): Slot {
    const index = Math.floor(now / SLOT_MS);
    const last = this.fine.at(-1);
    if (last !== undefined && last.index === index) {
      return last;
    }
    this.rotate(index);
    const slot = { index, histogram: hotHistogram(), errors: 0 };
    this.fine.push(slot);
    return slot;
  }

  /** Folds finished fine slots into their minute and drops what fell out of every window. */
  private rotate(currentIndex: number): void {
    for (const slot of this.fine) {
      if (slot.index < currentIndex && slot.folded !== true) {
        this.foldIntoMinute(slot);
      }
    }
    while (this.fine.length > 0 && this.fine[0]!.index <= currentIndex - SLOTS_PER_MINUTE) {
      this.fine.shift();
    }
    const currentMinute = Math.floor(currentIndex / SLOTS_PER_MINUTE);
    while (this.minutes.length > 0 && this.minutes[0]!.index <= currentMinute - MINUTES_KEPT) {
      this.minutes.shift();
    }
  }

  private foldIntoMinute(slot: Slot): void {
    const minute = Math.floor(slot.index / SLOTS_PER_MINUTE);
    let target = this.minutes.at(-1);
    if (target === undefined || target.index !== minute) {
      target = { index: minute, histogram: packedHistogram(), errors: 0 };
      this.minutes.push(target);
    }
    target.histogram.add(slot.histogram);
    target.errors += slot.errors;
    slot.folded = true;
  }
}
