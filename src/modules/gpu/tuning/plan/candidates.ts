import { DEFAULT_INT4_BLOCK_SIZE } from '../../passes/int4-blocked.pass.js';
import { OPTIMIZATION_LEVELS, OptimizationLevel, type PassStep } from '../../passes/optimization-levels.constants.js';
import { PassName } from '../../passes/pass.types.js';

/** The unmodified model: always measured, the reference every other candidate's error and speed-up are taken against. */
export const REFERENCE_CANDIDATE = 'fp32';

/** What a tuning run can try: the original, a level (a bundle of passes) or one pass with its default options. */
export type CandidateName = typeof REFERENCE_CANDIDATE | `${OptimizationLevel}` | `${PassName}`;
export const CANDIDATES: readonly CandidateName[] = [REFERENCE_CANDIDATE, ...Object.values(OptimizationLevel), ...Object.values(PassName)];

const SINGLE_PASS: Record<`${PassName}`, PassStep> = {
  [PassName.DYNAMIC_INT8]: { options: { perChannel: false }, pass: PassName.DYNAMIC_INT8 },
  [PassName.WEIGHT_ONLY_INT8]: { options: {}, pass: PassName.WEIGHT_ONLY_INT8 },
  [PassName.INT4_BLOCKED]: { options: { blockSize: DEFAULT_INT4_BLOCK_SIZE }, pass: PassName.INT4_BLOCKED },
  [PassName.FP16]: { options: {}, pass: PassName.FP16 },
  [PassName.PRUNE_UNSTRUCTURED]: { options: { sparsity: 0.2 }, pass: PassName.PRUNE_UNSTRUCTURED },
  [PassName.PRUNE_STRUCTURED]: { options: { sparsity: 0.25 }, pass: PassName.PRUNE_STRUCTURED },
};

/** The passes a candidate applies, in order; none for the reference. */
export function candidateSteps(candidate: CandidateName): readonly PassStep[] {
  if (candidate === REFERENCE_CANDIDATE) {
    return [];
  }
  if ((Object.values(OptimizationLevel) as string[]).includes(candidate)) {
    return OPTIMIZATION_LEVELS[candidate as OptimizationLevel];
  }
  return [SINGLE_PASS[candidate as `${PassName}`]];
}
