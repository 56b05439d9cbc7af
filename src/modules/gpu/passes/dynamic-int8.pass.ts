import { cloneModel, dropUnusedInitializers, intAttribute, makeNode, NameAllocator, opsetVersion } from '../onnx/onnx-graph.util.js';
import type { ModelProto, NodeProto } from '../onnx/onnx-proto.js';
import { DataType, float32Tensor, int8Tensor } from '../onnx/onnx-tensor.util.js';
import { changedSummary, nothingToQuantize, scanMatMulWeights, type MatMulWeight } from './matmul-weights.util.js';
import { PassName, type PassResult } from './pass.types.js';
import { quantizeInt8 } from './weight-quantize.util.js';

export interface DynamicInt8Options {
  /** One weight scale per output column instead of one per tensor (quantize_dynamic's per_channel). */
  perChannel?: boolean;
  /**
   * 7-bit weights (quantize_dynamic's reduce_range), default true. x86 CPUs without VNNI multiply uint8 x int8 with
   * vpmaddubsw, whose int16 pair sums saturate when weights use the full int8 range: measured here on AVX2, full-range
   * per-channel weights gave 15% error against 1.5% with 7 bits.
   */
  reduceRange?: boolean;
}

const FULL_RANGE = 127;
const REDUCED_RANGE = 63;

/** DynamicQuantizeLinear is opset 11; MatMulInteger is opset 10. */
const MIN_OPSET = 11;

interface QuantizedActivation {
  quantized: string;
  scale: string;
  zeroPoint: string;
}

/**
 * Dynamic INT8 the way onnxruntime's quantize_dynamic rewrites a MatMul: the activation is quantised to uint8 at run
 * time (DynamicQuantizeLinear, once per activation however many MatMuls read it), weights are int8 offline,
 * MatMulInteger accumulates in int32, Cast back to float, then one Mul by the product of the two scales.
 */
export function dynamicInt8Pass(model: ModelProto, options: DynamicInt8Options = {}): PassResult {
  const copy = cloneModel(model);
  const scan = scanMatMulWeights(copy);
  if (scan.eligible.length > 0 && opsetVersion(copy) < MIN_OPSET) {
    const skipped = [...scan.skipped, ...scan.eligible.map(({ label }) => ({ node: label, reason: `opset ${opsetVersion(copy)} < ${MIN_OPSET} has no DynamicQuantizeLinear` }))];
    return { model: copy, report: nothingToQuantize(PassName.DYNAMIC_INT8, skipped) };
  }
  if (scan.eligible.length === 0) {
    return { model: copy, report: nothingToQuantize(PassName.DYNAMIC_INT8, scan.skipped) };
  }
  const graph = copy.graph ?? {};
  const names = new NameAllocator(graph);
  const activations = new Map<string, QuantizedActivation>();
  const replacements = new Map<NodeProto, NodeProto[]>();
  for (const target of scan.eligible) {
    replacements.set(target.node, rewrite(target, names, activations, graph, options));
  }
  graph.node = (graph.node ?? []).flatMap((node) => replacements.get(node) ?? [node]);
  dropUnusedInitializers(graph, new Set(scan.eligible.map(({ weight }) => weight.name ?? '')));
  const changed = scan.eligible.map(({ label }) => label);
  return { model: copy, report: { changed, pass: PassName.DYNAMIC_INT8, skipped: scan.skipped, summary: changedSummary('dynamic INT8 on', changed, scan.skipped) } };
}

function rewrite(target: MatMulWeight, names: NameAllocator, activations: Map<string, QuantizedActivation>, graph: NonNullable<ModelProto['graph']>, options: DynamicInt8Options): NodeProto[] {
  const perChannel = options.perChannel === true;
  const nodes: NodeProto[] = [];
  const input = target.node.input?.[0] ?? '';
  const output = target.node.output?.[0] ?? '';
  let activation = activations.get(input);
  if (activation === undefined) {
    activation = { quantized: names.take(`${input}_quantized`), scale: names.take(`${input}_scale`), zeroPoint: names.take(`${input}_zero_point`) };
    activations.set(input, activation);
    nodes.push(makeNode('DynamicQuantizeLinear', [input], [activation.quantized, activation.scale, activation.zeroPoint], names.take(`${input}_QuantizeLinear`)));
  }
  const weightName = target.weight.name ?? '';
  const { scales, values } = quantizeInt8(target.values, target.k, target.n, perChannel, options.reduceRange === false ? FULL_RANGE : REDUCED_RANGE);
  const scaleDims = perChannel ? [target.n] : [];
  const weightQuantized = int8Tensor(names.take(`${weightName}_quantized`), [target.k, target.n], values);
  const weightScale = float32Tensor(names.take(`${weightName}_scale`), scaleDims, scales);
  const weightZeroPoint = int8Tensor(names.take(`${weightName}_zero_point`), scaleDims, new Int8Array(scales.length));
  graph.initializer = [...(graph.initializer ?? []), weightQuantized, weightScale, weightZeroPoint];
  const integer = names.take(`${output}_MatMulInteger_output`);
  const asFloat = names.take(`${output}_cast_output`);
  const scale = names.take(`${output}_scales_mul_output`);
  nodes.push(
    makeNode('MatMulInteger', [activation.quantized, weightQuantized.name ?? '', activation.zeroPoint, weightZeroPoint.name ?? ''], [integer], names.take(`${target.label}_quant`)),
    makeNode('Cast', [integer], [asFloat], names.take(`${target.label}_cast`), { attribute: [intAttribute('to', DataType.FLOAT)] }),
    makeNode('Mul', [activation.scale, weightScale.name ?? ''], [scale], names.take(`${target.label}_scales_mul`)),
    makeNode('Mul', [asFloat, scale], [output], names.take(`${target.label}_output_scale_mul`)),
  );
  return nodes;
}
