import { LatencyWindow } from './latency-window.js';

describe(LatencyWindow.name, () => {
  it('reports nothing before the first sample', () => {
    expect(new LatencyWindow().percentiles()).toEqual({ samples: 0, p50Ms: null, p95Ms: null, p99Ms: null });
  });

  it('reports percentiles of the samples it holds', () => {
    const window = new LatencyWindow(100);
    for (let ms = 1; ms <= 100; ms++) {
      window.record(ms);
    }

    expect(window.percentiles()).toEqual({ samples: 100, p50Ms: 50, p95Ms: 95, p99Ms: 99 });
  });

  it('keeps only the latest samples once full', () => {
    const window = new LatencyWindow(10);
    for (let ms = 1; ms <= 30; ms++) {
      window.record(ms);
    }

    expect(window.percentiles()).toMatchObject({ samples: 10, p50Ms: 25, p99Ms: 30 });
  });
});
