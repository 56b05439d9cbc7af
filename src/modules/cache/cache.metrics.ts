import { MetricsRegistry } from '@app/common';
import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram } from 'prom-client';

import type { CacheCounters } from './core/cache-counters.js';
import type { L1Cache } from './core/l1-cache.js';
import type { LatencyWindow } from './core/latency-window.js';
import type { BreakerState, L2Observer } from './l2/l2-breaker.js';

/** Where the collected metrics read from; set once the cache is built. */
export interface CacheMetricSources {
  counters: CacheCounters;
  l1: L1Cache;
  breakerState: () => BreakerState | null;
}

/**
 * The cache's metrics. Hot-path counts are plain integers (CacheCounters) turned into Prometheus counters at scrape
 * time; L2 calls, which cross the network anyway, are timed one by one.
 */
@Injectable()
export class CacheMetrics {
  private sources: CacheMetricSources | null = null;
  private readonly duration: Histogram<'tier' | 'op'>;

  constructor(registry: MetricsRegistry) {
    this.duration = new Histogram({
      name: 'bulwark_cache_operation_duration_seconds',
      help: 'Duration of cache operations by tier and operation: every L2 (Redis) call, and one L1 lookup in 1,024 (sampled: timing each would cost as much as the lookup).',
      labelNames: ['tier', 'op'],
      buckets: [0.000_001, 0.000_01, 0.000_1, 0.000_25, 0.000_5, 0.001, 0.002_5, 0.005, 0.01, 0.025, 0.1, 0.25, 1],
      registers: [registry],
    });
    const read = (): CacheMetricSources | null => this.sources;
    let requests: Record<string, number> = {};
    new Counter({
      name: 'bulwark_cache_requests_total',
      help: 'Cache lookups by tier and result (hit, miss, error: L2 unreachable or the breaker open).',
      labelNames: ['tier', 'result'],
      registers: [registry],
      collect() {
        const counters = read()?.counters;
        if (counters === undefined) {
          return;
        }
        const now: Record<string, number> = {
          'l1 hit': counters.l1Hits,
          'l1 miss': counters.l1Misses,
          'l2 hit': counters.l2Hits,
          'l2 miss': counters.l2Misses,
          'l2 error': counters.l2Errors,
        };
        for (const [labels, value] of Object.entries(now)) {
          const [tier, result] = labels.split(' ') as [string, string];
          this.inc({ tier, result }, value - (requests[labels] ?? 0));
        }
        requests = now;
      },
    });
    let invalidations: Record<string, number> = {};
    new Counter({
      name: 'bulwark_cache_invalidations_total',
      help: 'Invalidations by kind: keys (per key), tags (per tag), patterns, clears (namespaces), remote (messages from other instances).',
      labelNames: ['kind'],
      registers: [registry],
      collect() {
        const counts = read()?.counters.invalidations;
        if (counts === undefined) {
          return;
        }
        for (const [kind, value] of Object.entries(counts)) {
          this.inc({ kind }, value - (invalidations[kind] ?? 0));
        }
        invalidations = { ...counts };
      },
    });
    let grace = 0;
    new Counter({
      name: 'bulwark_cache_grace_served_total',
      help: 'Expired values served from grace because their loader failed, was slow, or another instance was loading.',
      registers: [registry],
      collect() {
        const served = read()?.counters.graceServed ?? grace;
        this.inc(served - grace);
        grace = served;
      },
    });
    new Gauge({
      name: 'bulwark_cache_l1_entries',
      help: 'Entries in this instance\'s L1.',
      registers: [registry],
      collect() {
        this.set(read()?.l1.entries ?? 0);
      },
    });
    new Gauge({
      name: 'bulwark_cache_l1_bytes',
      help: 'Bytes (encoded size plus overhead) in this instance\'s L1.',
      registers: [registry],
      collect() {
        this.set(read()?.l1.bytes ?? 0);
      },
    });
    new Gauge({
      name: 'bulwark_cache_l2_breaker_open',
      help: '1 while the L2 circuit breaker is open or half-open (Redis failing: L1 and grace copies serve), else 0.',
      registers: [registry],
      collect() {
        const state = read()?.breakerState() ?? null;
        this.set(state === null || state === 'closed' ? 0 : 1);
      },
    });
  }

  watch(sources: CacheMetricSources): void {
    this.sources = sources;
  }

  /** Observes sampled L1 lookups (tier l1, op get): the L1 side of the duration histogram, without a timer per call. */
  l1Sampler(): (seconds: number) => void {
    const child = this.duration.labels({ tier: 'l1', op: 'get' });
    return (seconds) => child.observe(seconds);
  }

  /** The breaker's observer: times each L2 call and keeps the latency window for /v1/cache/stats. */
  l2Observer(latency: LatencyWindow, onStateChange: (state: BreakerState) => void): L2Observer {
    // One child per operation, looked up once: labelled observe() hashes its labels on every call.
    const byOp = new Map<string, { observe(seconds: number): void }>();
    return {
      onCall: (op, seconds, ok) => {
        let child = byOp.get(op);
        if (child === undefined) {
          child = this.duration.labels({ tier: 'l2', op });
          byOp.set(op, child);
        }
        child.observe(seconds);
        if (ok) {
          latency.record(seconds * 1000);
        }
      },
      onStateChange,
    };
  }
}
