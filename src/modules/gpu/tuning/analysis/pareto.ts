export interface Objective<T> {
  name: string;
  direction: 'min' | 'max';
  value: (point: T) => number;
}

export interface ParetoResult {
  /** Indices of the points no other point dominates, in input order. */
  front: number[];
  /** For each dominated point, the index of one point that dominates it (the first found). */
  dominatedBy: Map<number, number>;
}

/** `a` dominates `b`: at least as good on every objective and better on one. */
function dominates<T>(a: T, b: T, objectives: readonly Objective<T>[]): boolean {
  let better = false;
  for (const objective of objectives) {
    const sign = objective.direction === 'min' ? 1 : -1;
    const difference = sign * (objective.value(a) - objective.value(b));
    if (difference > 0) {
      return false;
    }
    better ||= difference < 0;
  }
  return better;
}

/**
 * The Pareto set of the points under the objectives. O(n²) pairs: a tuning run measures at most a few hundred
 * configurations, where the simple form is both fast enough and obviously right.
 */
export function paretoFront<T>(points: readonly T[], objectives: readonly Objective<T>[]): ParetoResult {
  const front: number[] = [];
  const dominatedBy = new Map<number, number>();
  points.forEach((point, index) => {
    const dominator = points.findIndex((other, otherIndex) => otherIndex !== index && dominates(other, point, objectives));
    if (dominator === -1) {
      front.push(index);
    } else {
      dominatedBy.set(index, dominator);
    }
  });
  return { front, dominatedBy };
}
