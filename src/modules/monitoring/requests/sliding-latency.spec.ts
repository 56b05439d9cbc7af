import { SlidingLatency } from './sliding-latency.js';

const T0 = Date.UTC(2026, 10, 23, 12, 0, 0);

describe(SlidingLatency.name, () => {
  describe('stats', () => {
    it('gives percentiles, mean and max of the recorded durations in milliseconds', () => {
      const latency = new SlidingLatency(T0);
      for (let ms = 1; ms <= 100; ms += 1) {
        latency.record(ms * 1_000, false, T0 + 1_000);
      }
      const stats = latency.stats('1m', T0 + 2_000);
      expect(stats.requests).toBe(100);
      expect(stats.p50Ms).toBeCloseTo(50, 0);
      expect(stats.p95Ms).toBeCloseTo(95, 0);
      expect(stats.p99Ms).toBeCloseTo(99, 0);
      expect(stats.maxMs).toBeCloseTo(100, 0);
      expect(stats.meanMs).toBeCloseTo(50.5, 0);
    });

    it('counts 5xx as errors and gives their share', () => {
      const latency = new SlidingLatency(T0);
      latency.record(1_000, true, T0);
      latency.record(1_000, false, T0);
      latency.record(1_000, false, T0);
      latency.record(1_000, false, T0);
      expect(latency.stats('1m', T0 + 1)).toMatchObject({ requests: 4, errors: 1, errorRate: 0.25 });
    });

    it('gives the rate over the time the window covers, never longer than the series has existed', () => {
      const latency = new SlidingLatency(T0);
      for (let i = 0; i < 20; i += 1) {
        latency.record(1_000, false, T0 + i * 100);
      }
      expect(latency.stats('1m', T0 + 2_000).rps).toBeCloseTo(10, 5);
    });

    it('lets requests older than a minute leave the 1-minute window but keeps them in the 5-minute and 1-hour ones', () => {
      const latency = new SlidingLatency(T0);
      latency.record(500_000, false, T0 + 5_000);
      latency.record(1_000, false, T0 + 125_000);
      const now = T0 + 130_000;
      expect(latency.stats('1m', now)).toMatchObject({ requests: 1 });
      expect(latency.stats('1m', now).maxMs).toBeCloseTo(1, 1);
      expect(latency.stats('5m', now).requests).toBe(2);
      expect(latency.stats('1h', now).requests).toBe(2);
      expect(latency.stats('5m', now).maxMs).toBeCloseTo(500, -1);
    });

    it('drops minutes older than the 5-minute window from it, and older than an hour from every window', () => {
      const latency = new SlidingLatency(T0);
      latency.record(1_000, true, T0);
      expect(latency.stats('5m', T0 + 6 * 60_000)).toMatchObject({ requests: 0, errors: 0, errorRate: 0, p95Ms: 0 });
      expect(latency.stats('1h', T0 + 6 * 60_000)).toMatchObject({ requests: 1, errors: 1 });
      expect(latency.stats('1h', T0 + 61 * 60_000).requests).toBe(0);
      expect(latency.isIdle(T0 + 61 * 60_000)).toBe(true);
    });

    it('keeps the 1-minute window whole across a minute boundary', () => {
      const latency = new SlidingLatency(T0);
      latency.record(1_000, false, T0 + 55_000);
      latency.record(1_000, false, T0 + 65_000);
      expect(latency.stats('1m', T0 + 70_000).requests).toBe(2);
      expect(latency.stats('5m', T0 + 70_000).requests).toBe(2);
    });
  });
});
