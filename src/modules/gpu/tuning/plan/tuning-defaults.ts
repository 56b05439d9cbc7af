import { availableParallelism } from 'node:os';

import type { AutoOptimizeRequestDto } from '../api/dto/auto-optimize-request.dto.js';
import type { BenchmarkRequestDto } from '../api/dto/benchmark-request.dto.js';
import type { AutoOptimizeRequest, TuningRequest } from './tuning-request.js';

/** The default auto-optimise budget: 5 % of the largest reference output, a loss most inference tolerates. */
export const DEFAULT_ACCURACY_BUDGET = 0.05;

/** A request with every field the caller left out filled in: all levels, CPU and CUDA, 1 and all cores, batch 1 and 32. */
export function benchmarkRequest(dto: BenchmarkRequestDto): TuningRequest {
  const cores = availableParallelism();
  return {
    batchSizes: dto.batchSizes ?? [1, 32],
    candidates: dto.candidates ?? ['fp32', 'basic', 'advanced', 'ultra'],
    graphOptimizationLevels: dto.graphOptimizationLevels ?? ['all'],
    providers: dto.providers ?? ['cpu', 'cuda'],
    runs: dto.runs ?? 50,
    seed: dto.seed ?? 42,
    threads: dto.threads ?? (cores > 1 ? [1, cores] : [1]),
  };
}

export function autoOptimizeRequest(dto: AutoOptimizeRequestDto): AutoOptimizeRequest {
  return { ...benchmarkRequest(dto), accuracyBudget: dto.accuracyBudget ?? DEFAULT_ACCURACY_BUDGET, objectives: dto.objectives ?? ['latency', 'throughput', 'size'] };
}
