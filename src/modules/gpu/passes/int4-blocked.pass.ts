import { cloneModel, dropUnusedInitializers, ensureOpset, intAttribute, makeNode, NameAllocator } from '../onnx/onnx-graph.util.js';
import type { ModelProto, NodeProto } from '../onnx/onnx-proto.js';
import { float32Tensor, uint8Tensor } from '../onnx/onnx-tensor.util.js';
import { changedSummary, nothingToQuantize, scanMatMulWeights, type MatMulWeight } from './matmul-weights.util.js';
import { PassName, type PassResult, type SkippedNode } from './pass.types.js';
import { quantizeInt4Blocks } from './weight-quantize.util.js';

export const MICROSOFT_DOMAIN = 'com.microsoft';

export interface Int4Options {
  /** Weights per scale along K; a power of two >= 16 (onnxruntime's MatMulNBits requirement). Default 32. */
  blockSize?: number;
  /**
   * MatMulNBits' accuracy_level: 0 (unset) computes in fp32 after unpacking; 4 lets the CPU kernel quantise the
   * activation to int8 and use integer dot products, faster on CPUs at some extra error.
   */
  accuracyLevel?: 0 | 1 | 2 | 3 | 4;
}

export const DEFAULT_INT4_BLOCK_SIZE = 32;

/**
 * Blocked INT4: a MatMul with a [K, N] weight becomes onnxruntime's contrib MatMulNBits (bits 4) with one scale per
 * `blockSize` weights along K. Only where K is a multiple of the block: a ragged last block would need padding
 * that the validation could not tell apart from a packing mistake, so those MatMuls are skipped and named.
 */
export function int4BlockedPass(model: ModelProto, options: Int4Options = {}): PassResult {
  const blockSize = options.blockSize ?? DEFAULT_INT4_BLOCK_SIZE;
  if (blockSize < 16 || (blockSize & (blockSize - 1)) !== 0) {
    throw new RangeError(`INT4 block size must be a power of two >= 16, not ${blockSize}.`);
  }
  const copy = cloneModel(model);
  const scan = scanMatMulWeights(copy);
  const skipped: SkippedNode[] = [...scan.skipped];
  const fitting: MatMulWeight[] = [];
  for (const target of scan.eligible) {
    if (target.k % blockSize === 0) {
      fitting.push(target);
    } else {
      skipped.push({ node: target.label, reason: `K=${target.k} is not a multiple of the block size ${blockSize}` });
    }
  }
  if (fitting.length === 0) {
    return { model: copy, report: nothingToQuantize(PassName.INT4_BLOCKED, skipped) };
  }
  const graph = copy.graph ?? {};
  const names = new NameAllocator(graph);
  const replacements = new Map<NodeProto, NodeProto>();
  for (const target of fitting) {
    const weightName = target.weight.name ?? '';
    const blocks = target.k / blockSize;
    const { packed, scales } = quantizeInt4Blocks(target.values, target.k, target.n, blockSize);
    const weight = uint8Tensor(names.take(`${weightName}_Q4`), [target.n, blocks, blockSize / 2], packed);
    const scale = float32Tensor(names.take(`${weightName}_scales`), [target.n, blocks], scales);
    graph.initializer = [...(graph.initializer ?? []), weight, scale];
    const attributes = [intAttribute('K', target.k), intAttribute('N', target.n), intAttribute('bits', 4), intAttribute('block_size', blockSize)];
    if (options.accuracyLevel !== undefined && options.accuracyLevel > 0) {
      attributes.push(intAttribute('accuracy_level', options.accuracyLevel));
    }
    replacements.set(target.node, makeNode('MatMulNBits', [target.node.input?.[0] ?? '', weight.name ?? '', scale.name ?? ''], [...(target.node.output ?? [])], names.take(`${target.label}_Q4`), { attribute: attributes, domain: MICROSOFT_DOMAIN }));
  }
  graph.node = (graph.node ?? []).map((node) => replacements.get(node) ?? node);
  ensureOpset(copy, MICROSOFT_DOMAIN, 1);
  dropUnusedInitializers(graph, new Set(fitting.map(({ weight }) => weight.name ?? '')));
  const changed = fitting.map(({ label }) => label);
  return { model: copy, report: { changed, pass: PassName.INT4_BLOCKED, skipped, summary: changedSummary(`blocked INT4 (block ${blockSize}) on`, changed, skipped) } };
}
