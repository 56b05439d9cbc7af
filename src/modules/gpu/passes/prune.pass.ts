import { cloneModel } from '../onnx/onnx-graph.util.js';
import type { ModelProto, TensorProto } from '../onnx/onnx-proto.js';
import { float32Tensor } from '../onnx/onnx-tensor.util.js';
import { nothingToQuantize, scanMatMulWeights, type MatMulWeight } from './matmul-weights.util.js';
import { PassName, type PassResult, type SkippedNode } from './pass.types.js';

export interface PruneOptions {
  mode: 'unstructured' | 'structured';
  /** Fraction of weights (unstructured) or output columns (structured) set to zero, in [0, 1). */
  sparsity: number;
}

/** Zeroes the `sparsity` fraction of weights with the smallest magnitude (ties broken by position, so it is stable). */
function pruneUnstructured(values: Float32Array, sparsity: number): Float32Array {
  const count = Math.floor(values.length * sparsity);
  const order = Array.from(values.keys()).sort((a, b) => Math.abs(values[a] ?? 0) - Math.abs(values[b] ?? 0) || a - b);
  const pruned = Float32Array.from(values);
  order.slice(0, count).forEach((index) => (pruned[index] = 0));
  return pruned;
}

/** Zeroes whole output columns of a [K, N] weight, those with the smallest L2 norm: the shape a kernel can skip. */
function pruneStructured(target: MatMulWeight, sparsity: number): Float32Array {
  const norms = new Float64Array(target.n);
  target.values.forEach((value, index) => (norms[index % target.n] = (norms[index % target.n] ?? 0) + value * value));
  const count = Math.floor(target.n * sparsity);
  const dropped = new Set(Array.from(norms.keys()).sort((a, b) => (norms[a] ?? 0) - (norms[b] ?? 0) || a - b).slice(0, count));
  return target.values.map((value, index) => (dropped.has(index % target.n) ? 0 : value));
}

/**
 * Magnitude pruning of MatMul weights, in place of their values (shapes and ops unchanged). On its own it saves
 * nothing at run time; it prepares weights for sparse kernels or compression, and the ultra level quantises after it.
 */
export function prunePass(model: ModelProto, options: PruneOptions): PassResult {
  if (!(options.sparsity >= 0 && options.sparsity < 1)) {
    throw new RangeError(`Sparsity must be in [0, 1), not ${options.sparsity}.`);
  }
  const pass = options.mode === 'structured' ? PassName.PRUNE_STRUCTURED : PassName.PRUNE_UNSTRUCTURED;
  const copy = cloneModel(model);
  const scan = scanMatMulWeights(copy);
  if (scan.eligible.length === 0) {
    return { model: copy, report: nothingToQuantize(pass, scan.skipped) };
  }
  const skipped: SkippedNode[] = [...scan.skipped];
  const targets = options.mode === 'structured' ? withoutOutputProjections(copy, scan.eligible, skipped) : scan.eligible;
  if (targets.length === 0) {
    return { model: copy, report: nothingToQuantize(pass, skipped) };
  }
  const replaced = new Map<TensorProto, TensorProto>();
  for (const target of targets) {
    const values = options.mode === 'structured' ? pruneStructured(target, options.sparsity) : pruneUnstructured(target.values, options.sparsity);
    replaced.set(target.weight, float32Tensor(target.weight.name ?? '', [target.k, target.n], values));
  }
  const graph = copy.graph ?? {};
  graph.initializer = (graph.initializer ?? []).map((tensor) => replaced.get(tensor) ?? tensor);
  const changed = targets.map(({ label }) => label);
  const summary = `${options.mode} pruning to ${Math.round(options.sparsity * 100)}% on ${changed.length} MatMul weight(s)` + (skipped.length === 0 ? '' : `, skipped ${skipped.length}`);
  return { model: copy, report: { changed, pass, skipped, summary } };
}

/** Ops a value passes through on its way to a graph output without mixing channels. */
const CHANNEL_PRESERVING = new Set(['Add', 'Identity']);

/**
 * Structured pruning of a MatMul that feeds a graph output (directly or through a bias Add) would zero whole model
 * outputs (classes, coordinates), never a trade anyone wants; those are skipped and named.
 */
function withoutOutputProjections(model: ModelProto, eligible: MatMulWeight[], skipped: SkippedNode[]): MatMulWeight[] {
  const graph = model.graph ?? {};
  const nearOutput = new Set((graph.output ?? []).map((output) => output.name ?? ''));
  for (const node of [...(graph.node ?? [])].reverse()) {
    if (CHANNEL_PRESERVING.has(node.opType ?? '') && (node.output ?? []).some((output) => nearOutput.has(output))) {
      (node.input ?? []).forEach((input) => nearOutput.add(input));
    }
  }
  return eligible.filter((target) => {
    const feedsOutput = (target.node.output ?? []).some((output) => nearOutput.has(output));
    if (feedsOutput) {
      skipped.push({ node: target.label, reason: 'feeds a graph output: removing its columns would zero model outputs' });
    }
    return !feedsOutput;
  });
}
