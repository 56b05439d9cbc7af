import { aggregate } from './aggregate.util.js';

describe('aggregate', () => {
  const series = [4, 1, 3, 2, 10];

  it('gives the latest value, mean and max of a series', () => {
    expect(aggregate(series, 'value')).toBe(10);
    expect(aggregate(series, 'mean')).toBe(4);
    expect(aggregate(series, 'max')).toBe(10);
  });

  it('gives nearest-rank percentiles', () => {
    expect(aggregate(series, 'p50')).toBe(3);
    expect(aggregate(series, 'p95')).toBe(10);
    expect(aggregate([...Array(100).keys()].map((i) => i + 1), 'p99')).toBe(99);
  });

  it('has nothing to say about an empty series', () => {
    expect(aggregate([], 'mean')).toBeNull();
  });
});
