import { cloneModel, dropUnusedInitializers, intAttribute, makeNode, NameAllocator, opsetVersion } from '../onnx/onnx-graph.util.js';
import type { ModelProto, NodeProto } from '../onnx/onnx-proto.js';
import { float32Tensor, int8Tensor } from '../onnx/onnx-tensor.util.js';
import { changedSummary, nothingToQuantize, scanMatMulWeights } from './matmul-weights.util.js';
import { PassName, type PassResult } from './pass.types.js';
import { quantizeInt8 } from './weight-quantize.util.js';

/** Per-axis DequantizeLinear (the `axis` attribute with a 1-D scale) arrived in opset 13. */
const MIN_OPSET = 13;

/**
 * Weight-only INT8: each [K, N] weight stored as int8 with one scale per output column, a DequantizeLinear (axis 1)
 * restoring fp32 in front of the unchanged MatMul. Activations stay fp32, so the error is the weight rounding only;
 * the model shrinks about 4x and runtimes that fuse DequantizeLinear+MatMul can run it as an int8-weight GEMM.
 */
export function weightOnlyInt8Pass(model: ModelProto): PassResult {
  const copy = cloneModel(model);
  const scan = scanMatMulWeights(copy);
  const opset = opsetVersion(copy);
  if (scan.eligible.length > 0 && opset < MIN_OPSET) {
    const skipped = [...scan.skipped, ...scan.eligible.map(({ label }) => ({ node: label, reason: `opset ${opset} < ${MIN_OPSET} has no per-axis DequantizeLinear` }))];
    return { model: copy, report: nothingToQuantize(PassName.WEIGHT_ONLY_INT8, skipped) };
  }
  if (scan.eligible.length === 0) {
    return { model: copy, report: nothingToQuantize(PassName.WEIGHT_ONLY_INT8, scan.skipped) };
  }
  const graph = copy.graph ?? {};
  const names = new NameAllocator(graph);
  const inserted = new Map<NodeProto, NodeProto>();
  for (const target of scan.eligible) {
    const weightName = target.weight.name ?? '';
    const { scales, values } = quantizeInt8(target.values, target.k, target.n, true);
    const quantized = int8Tensor(names.take(`${weightName}_quantized`), [target.k, target.n], values);
    const scale = float32Tensor(names.take(`${weightName}_scale`), [target.n], scales);
    const zeroPoint = int8Tensor(names.take(`${weightName}_zero_point`), [target.n], new Int8Array(target.n));
    graph.initializer = [...(graph.initializer ?? []), quantized, scale, zeroPoint];
    const dequantized = names.take(`${weightName}_dequantized`);
    inserted.set(target.node, makeNode('DequantizeLinear', [quantized.name ?? '', scale.name ?? '', zeroPoint.name ?? ''], [dequantized], names.take(`${target.label}_dequantize`), { attribute: [intAttribute('axis', 1)] }));
    target.node.input = [target.node.input?.[0] ?? '', dequantized];
  }
  graph.node = (graph.node ?? []).flatMap((node) => {
    const dequantize = inserted.get(node);
    return dequantize === undefined ? [node] : [dequantize, node];
  });
  dropUnusedInitializers(graph, new Set(scan.eligible.map(({ weight }) => weight.name ?? '')));
  const changed = scan.eligible.map(({ label }) => label);
  return { model: copy, report: { changed, pass: PassName.WEIGHT_ONLY_INT8, skipped: scan.skipped, summary: changedSummary('weight-only INT8 on', changed, scan.skipped) } };
}
