import type { SqlFingerprint } from './sql-fingerprint.util.js';

/** Aggregate of one statement shape over the slow executions seen by this instance. */
export interface SlowQueryStats {
  fingerprint: string;
  /** Normalised text: literals and parameters replaced by `?`. */
  query: string;
  operation: string;
  calls: number;
  totalMs: number;
  meanMs: number;
  p95Ms: number;
  maxMs: number;
  firstSeenAt: string;
  lastSeenAt: string;
}

interface Aggregate {
  text: string;
  operation: string;
  calls: number;
  totalMs: number;
  maxMs: number;
  /** The latest durations, for the p95 (a ring). */
  recent: number[];
  next: number;
  firstSeen: number;
  lastSeen: number;
}

const RECENT_SAMPLES = 256;

/**
 * Slow executions aggregated per SQL fingerprint (PgHero's view of pg_stat_statements, but from inside the app and
 * without the extension). Bounded: past `maxFingerprints` the least recently seen shape makes room.
 */
export class SlowQueryLog {
  private readonly byFingerprint = new Map<string, Aggregate>();

  constructor(private readonly maxFingerprints = 500) {}

  record(fingerprint: SqlFingerprint, operation: string, ms: number, now = Date.now()): void {
    let aggregate = this.byFingerprint.get(fingerprint.id);
    if (aggregate === undefined) {
      if (this.byFingerprint.size >= this.maxFingerprints) {
        this.evictLeastRecent();
      }
      aggregate = { text: fingerprint.text, operation, calls: 0, totalMs: 0, maxMs: 0, recent: [], next: 0, firstSeen: now, lastSeen: now };
      this.byFingerprint.set(fingerprint.id, aggregate);
    }
    aggregate.calls += 1;
    aggregate.totalMs += ms;
    aggregate.maxMs = Math.max(aggregate.maxMs, ms);
    aggregate.lastSeen = now;
    aggregate.recent[aggregate.next] = ms;
    aggregate.next = (aggregate.next + 1) % RECENT_SAMPLES;
  }

  /** Every shape, by total time spent, the heaviest first. */
  list(): SlowQueryStats[] {
    return [...this.byFingerprint].map(([id, aggregate]) => statsOf(id, aggregate)).sort((a, b) => b.totalMs - a.totalMs || a.fingerprint.localeCompare(b.fingerprint));
  }

  get size(): number {
    return this.byFingerprint.size;
  }

  private evictLeastRecent(): void {
    let oldest: string | undefined;
    let oldestSeen = Number.POSITIVE_INFINITY;
    for (const [id, aggregate] of this.byFingerprint) {
      if (aggregate.lastSeen < oldestSeen) {
        oldest = id;
        oldestSeen = aggregate.lastSeen;
      }
    }
    if (oldest !== undefined) {
      this.byFingerprint.delete(oldest);
    }
  }
}

const round = (ms: number): number => Math.round(ms * 1000) / 1000;

function statsOf(id: string, aggregate: Aggregate): SlowQueryStats {
  const sorted = [...aggregate.recent].sort((a, b) => a - b);
  const p95 = sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)] ?? 0;
  return {
    fingerprint: id,
    query: aggregate.text,
    operation: aggregate.operation,
    calls: aggregate.calls,
    totalMs: round(aggregate.totalMs),
    meanMs: round(aggregate.totalMs / aggregate.calls),
    p95Ms: round(p95),
    maxMs: round(aggregate.maxMs),
    firstSeenAt: new Date(aggregate.firstSeen).toISOString(),
    lastSeenAt: new Date(aggregate.lastSeen).toISOString(),
  };
}
