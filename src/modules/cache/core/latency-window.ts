export interface LatencyPercentiles {
  samples: number;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
}

/** The last `capacity` durations in a ring, for percentiles on demand (stats calls are rare; records are hot). */
export class LatencyWindow {
  private readonly ring: Float64Array;
  private count = 0;
  private next = 0;

  constructor(capacity = 2_048) {
    this.ring = new Float64Array(capacity);
  }

  record(ms: number): void {
    this.ring[this.next] = ms;
    this.next = (this.next + 1) % this.ring.length;
    this.count = Math.min(this.count + 1, this.ring.length);
  }

  percentiles(): LatencyPercentiles {
    if (this.count === 0) {
      return { samples: 0, p50Ms: null, p95Ms: null, p99Ms: null };
    }
    const sorted = this.ring.slice(0, this.count).sort();
    const at = (q: number): number => Math.round((sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0) * 1000) / 1000;
    return { samples: this.count, p50Ms: at(0.5), p95Ms: at(0.95), p99Ms: at(0.99) };
  }
}
