import fc from 'fast-check';
import { Histogram, Registry } from 'prom-client';

import { BoundHistogram } from './bound-histogram.js';

const BUCKETS = [0.001, 0.01, 0.1, 1, 10];
const NAME = 'bulwark_test_duration_seconds';
const HELP = 'A test histogram.';

const observation = fc.record({
  method: fc.constantFrom('GET', 'POST'),
  route: fc.constantFrom('/v1/things/:id', '/a"b\\c', 'unmatched'),
  status: fc.constantFrom('200', '404', '499'),
  // Bounds themselves, values between and beyond them, zero.
  value: fc.oneof(fc.constantFrom(0, ...BUCKETS, 10.5), fc.double({ min: 0, max: 20, noNaN: true })),
});

describe(BoundHistogram.name, () => {
  it("is exported exactly as prom-client's Histogram with the same observations (text and JSON)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(observation, { maxLength: 30 }), async (observations) => {
        const theirs = new Registry();
        const ours = new Registry();
        const reference = new Histogram({ name: NAME, help: HELP, labelNames: ['method', 'route', 'status'], buckets: BUCKETS, registers: [theirs] });
        const bound = new BoundHistogram({ name: NAME, help: HELP, buckets: BUCKETS, registers: [ours] });
        for (const { value, ...labels } of observations) {
          reference.labels(labels).observe(value);
          bound.seriesOf(labels).observe(value);
        }
        expect(await ours.metrics()).toBe(await theirs.metrics());
        expect(await ours.getMetricsAsJSON()).toEqual(await theirs.getMetricsAsJSON());
      }),
      { numRuns: 200 },
    );
  });

  it('gives the same series for the same labels in any order, and zeroes them in place on reset', async () => {
    const registry = new Registry();
    const histogram = new BoundHistogram({ name: NAME, help: HELP, buckets: BUCKETS, registers: [registry] });
    const series = histogram.seriesOf({ method: 'GET', status: '200' });
    expect(histogram.seriesOf({ status: '200', method: 'GET' })).toBe(series);

    series.observe(0.05);
    registry.resetMetrics();
    series.observe(2);

    const text = await registry.metrics();
    expect(text).toContain(`${NAME}_bucket{le="0.1",method="GET",status="200"} 0`);
    expect(text).toContain(`${NAME}_bucket{le="10",method="GET",status="200"} 1`);
    expect(text).toContain(`${NAME}_count{method="GET",status="200"} 1`);
    expect(text).toContain(`${NAME}_sum{method="GET",status="200"} 2`);
  });
});
