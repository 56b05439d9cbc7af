import { paretoFront, type Objective } from './pareto.js';

interface Point {
  latency: number;
  throughput: number;
}

const OBJECTIVES: Objective<Point>[] = [
  { direction: 'min', name: 'latency', value: (p) => p.latency },
  { direction: 'max', name: 'throughput', value: (p) => p.throughput },
];

describe('paretoFront', () => {
  it('keeps the trade-offs and drops what another point beats on every objective', () => {
    const points = [
      { latency: 1, throughput: 100 }, // fastest
      { latency: 5, throughput: 900 }, // most throughput
      { latency: 3, throughput: 500 }, // in between: a trade-off, kept
      { latency: 4, throughput: 400 }, // worse than [2] on both
      { latency: 6, throughput: 900 }, // ties [1] on throughput, slower: dominated
    ];

    const { front, dominatedBy } = paretoFront(points, OBJECTIVES);

    expect(front).toEqual([0, 1, 2]);
    expect(dominatedBy.get(3)).toBe(2);
    expect(dominatedBy.get(4)).toBe(1);
  });

  it('keeps equal points together: neither is better on any objective', () => {
    const { front } = paretoFront(
      [
        { latency: 2, throughput: 10 },
        { latency: 2, throughput: 10 },
      ],
      OBJECTIVES,
    );
    expect(front).toEqual([0, 1]);
  });

  it('is empty for no points and the point itself for one', () => {
    expect(paretoFront([], OBJECTIVES).front).toEqual([]);
    expect(paretoFront([{ latency: 1, throughput: 1 }], OBJECTIVES).front).toEqual([0]);
  });
});
