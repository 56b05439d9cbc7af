import { PassName } from './pass.types.js';

export enum OptimizationLevel {
  BASIC = 'basic',
  ADVANCED = 'advanced',
  ULTRA = 'ultra',
}

/** One step of a level: a pass and its options. */
export type PassStep =
  | { pass: PassName.DYNAMIC_INT8; options: { perChannel: boolean } }
  | { pass: PassName.WEIGHT_ONLY_INT8; options: Record<string, never> }
  | { pass: PassName.INT4_BLOCKED; options: { blockSize: number } }
  | { pass: PassName.FP16; options: Record<string, never> }
  | { pass: PassName.PRUNE_UNSTRUCTURED | PassName.PRUNE_STRUCTURED; options: { sparsity: number } };

/**
 * Accuracy gates: the largest acceptable max-abs-error / max-|reference| on any output with seeded inputs (see
 * PassValidator). Measured on a He-initialised 64-128-32 MLP: fp16 0.03%, weight-only INT8 1.1%, dynamic INT8 2.4%
 * (7-bit weights), INT4 block 32 13%, 20% unstructured pruning 9%, 25% structured pruning 48%. Each gate sits about
 * 2x above its pass's figure: loose enough for a healthy rewrite, tight enough that a packing or scale mistake
 * (errors of 100% and more) cannot pass. Random weights have no redundant channels, which is why structured pruning
 * costs so much here and is in no level; on a trained model it needs fine-tuning before it meets any gate.
 */
export const PASS_GATES: Record<PassName, number> = {
  [PassName.FP16]: 0.005,
  [PassName.WEIGHT_ONLY_INT8]: 0.02,
  [PassName.DYNAMIC_INT8]: 0.06,
  [PassName.INT4_BLOCKED]: 0.25,
  [PassName.PRUNE_UNSTRUCTURED]: 0.25,
  [PassName.PRUNE_STRUCTURED]: 0.5,
};

/**
 * Levels, from safest to smallest:
 * - basic: weight-only INT8. Activations stay fp32, so it loses the least, shrinks weights 4x and runs on every
 *   onnxruntime build. FP16 is not the default because onnxruntime's CPU provider lacks fp16 kernels for many ops
 *   beyond MatMul/Add/activations (it is offered as a separate pass for GPU targets).
 * - advanced: dynamic INT8 (MatMulInteger): also quantises activations at run time, the fastest CPU path and the
 *   rewrite onnxruntime's own quantize_dynamic makes, at a few percent of error.
 * - ultra: 20% unstructured pruning then blocked INT4 (MatMulNBits, block 32): the smallest artifact (about 1/7 of
 *   fp32 weights); accuracy must be checked against the level's gate, and K must divide by the block.
 */
export const OPTIMIZATION_LEVELS: Record<OptimizationLevel, readonly PassStep[]> = {
  [OptimizationLevel.BASIC]: [{ options: {}, pass: PassName.WEIGHT_ONLY_INT8 }],
  [OptimizationLevel.ADVANCED]: [{ options: { perChannel: false }, pass: PassName.DYNAMIC_INT8 }],
  [OptimizationLevel.ULTRA]: [
    { options: { sparsity: 0.2 }, pass: PassName.PRUNE_UNSTRUCTURED },
    { options: { blockSize: 32 }, pass: PassName.INT4_BLOCKED },
  ],
};

/** A level's gate: the loosest of its passes' gates, since their errors compound but the last one dominates. */
export function levelGate(level: OptimizationLevel): number {
  return Math.max(...OPTIMIZATION_LEVELS[level].map((step) => PASS_GATES[step.pass]));
}
