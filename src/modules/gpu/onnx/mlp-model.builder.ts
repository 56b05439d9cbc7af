import type OnnxTypes from 'onnx-proto';

import { onnx, type ModelProto, type NodeProto, type TensorProto } from './onnx-proto.js';
import { SeededRng } from './seeded-rng.util.js';
import { DataType, float32Tensor } from './onnx-tensor.util.js';

export interface MlpOptions {
  /** Widths from input to output, e.g. [64, 128, 32] is two MatMul+Add layers. */
  sizes: readonly number[];
  seed?: number;
  /** Fixed batch size; a symbolic 'batch' dimension when left out. */
  batch?: number;
  opset?: number;
  /** 'constant' puts weights in Constant nodes instead of initializers (how some exporters write them). */
  weightsIn?: 'initializer' | 'constant';
}

function valueInfo(name: string, dims: readonly (number | string)[]): OnnxTypes.onnx.IValueInfoProto {
  const dim = dims.map((value) => (typeof value === 'number' ? { dimValue: value } : { dimParam: value }));
  return { name, type: { tensorType: { elemType: DataType.FLOAT, shape: { dim } } } };
}

/**
 * A MatMul+Add(+Relu) multilayer perceptron with He-initialised seeded weights as fp32 raw_data initializers: the
 * test and benchmark model for the passes, built in code so no binary fixture is needed.
 */
export function buildMlpModel(options: MlpOptions): ModelProto {
  const rng = new SeededRng(options.seed ?? 1);
  const batch = options.batch ?? 'batch';
  const nodes: NodeProto[] = [];
  const initializers: TensorProto[] = [];
  let current = 'input';
  const layers = options.sizes.length - 1;
  for (let layer = 0; layer < layers; layer++) {
    const fanIn = options.sizes[layer] ?? 1;
    const fanOut = options.sizes[layer + 1] ?? 1;
    const weight = float32Tensor(`layer${layer}.weight`, [fanIn, fanOut], rng.normalArray(fanIn * fanOut, Math.sqrt(2 / fanIn)));
    const bias = float32Tensor(`layer${layer}.bias`, [fanOut], rng.normalArray(fanOut, 0.1));
    if (options.weightsIn === 'constant') {
      nodes.push(onnx.NodeProto.create({ attribute: [{ name: 'value', t: weight, type: onnx.AttributeProto.AttributeType.TENSOR }], name: `layer${layer}.weight_constant`, opType: 'Constant', output: [weight.name ?? ''] }));
    } else {
      initializers.push(weight);
    }
    initializers.push(bias);
    const last = layer === layers - 1;
    const sum = last ? 'output' : `layer${layer}.pre_activation`;
    nodes.push(onnx.NodeProto.create({ input: [current, weight.name ?? ''], name: `layer${layer}.matmul`, opType: 'MatMul', output: [`layer${layer}.product`] }));
    nodes.push(onnx.NodeProto.create({ input: [`layer${layer}.product`, bias.name ?? ''], name: `layer${layer}.add`, opType: 'Add', output: [sum] }));
    if (!last) {
      nodes.push(onnx.NodeProto.create({ input: [sum], name: `layer${layer}.relu`, opType: 'Relu', output: [`layer${layer}.activation`] }));
      current = `layer${layer}.activation`;
    }
  }
  const graph = onnx.GraphProto.create({
    initializer: initializers,
    input: [valueInfo('input', [batch, options.sizes[0] ?? 1])],
    name: 'mlp',
    node: nodes,
    output: [valueInfo('output', [batch, options.sizes[layers] ?? 1])],
  });
  return onnx.ModelProto.create({ graph, irVersion: 8, opsetImport: [{ domain: '', version: options.opset ?? 17 }], producerName: 'bulwark' });
}
