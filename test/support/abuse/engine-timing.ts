import { performance } from 'node:perf_hooks';

import type { ThreatEngine } from '../../../src/modules/threat/index.js';

/**
 * The median time the engine takes over `rounds` fresh copies of `value` (each one distinct, so the engine's memo
 * never answers), at paranoia 4 where every rule runs. Only ever compared with another median of the same run.
 */
export function medianInspectionMs(engine: ThreatEngine, value: (round: number) => string, rounds = 5): number {
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const input = value(round);
    const start = performance.now();
    engine.inspectValues([{ location: 'query.q', value: input }], 4);
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(rounds / 2)]!;
}
