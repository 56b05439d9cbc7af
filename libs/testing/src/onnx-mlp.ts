import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

export interface MlpOptions {
  /** Layer widths, input first: [4, 8, 2] is 4 → 8 (Relu) → 2. */
  widths?: number[];
  /** Symbolic batch dimension name. */
  batch?: string;
  seed?: number;
}

/** Deterministic weights in [-0.5, 0.5) (a small LCG), so a model's bytes are the same on every run. */
function seededFloats(count: number, seed: number): Float32Array {
  const values = new Float32Array(count);
  let state = seed >>> 0;
  for (let index = 0; index < count; index++) {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    values[index] = state / 2 ** 32 - 0.5;
  }
  return values;
}

function floatTensor(name: string, dims: number[], seed: number): onnxProto.onnx.ITensorProto {
  const values = seededFloats(dims.reduce((product, dim) => product * dim, 1), seed);
  return { name, dims, dataType: onnx.TensorProto.DataType.FLOAT, rawData: new Uint8Array(values.buffer) };
}

/**
 * A small multilayer perceptron as ONNX (opset 17, IR 8): MatMul + Add per layer with Relu between, weights as
 * initializers, batch dimension symbolic. Valid for onnxruntime; for tests that need a real model they control.
 */
export function buildMlpModel(options: MlpOptions = {}): onnxProto.onnx.ModelProto {
  const widths = options.widths ?? [4, 8, 2];
  const batch = options.batch ?? 'batch';
  const seed = options.seed ?? 7;
  const initializer: onnxProto.onnx.ITensorProto[] = [];
  const node: onnxProto.onnx.INodeProto[] = [];
  let current = 'input';
  for (let layer = 0; layer < widths.length - 1; layer++) {
    const [from, to] = [widths[layer]!, widths[layer + 1]!];
    initializer.push(floatTensor(`w${layer}`, [from, to], seed + layer * 2), floatTensor(`b${layer}`, [to], seed + layer * 2 + 1));
    const last = layer === widths.length - 2;
    node.push({ opType: 'MatMul', input: [current, `w${layer}`], output: [`mm${layer}`], name: `matmul${layer}` });
    node.push({ opType: 'Add', input: [`mm${layer}`, `b${layer}`], output: [last ? 'output' : `add${layer}`], name: `add${layer}` });
    if (!last) {
      node.push({ opType: 'Relu', input: [`add${layer}`], output: [`relu${layer}`], name: `relu${layer}` });
      current = `relu${layer}`;
    }
  }
  const signature = (name: string, width: number): onnxProto.onnx.IValueInfoProto => ({
    name,
    type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT, shape: { dim: [{ dimParam: batch }, { dimValue: width }] } } },
  });
  return onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'bulwark-tests',
    producerVersion: '1',
    opsetImport: [{ domain: '', version: 17 }],
    graph: { name: 'mlp', node, initializer, input: [signature('input', widths[0]!)], output: [signature('output', widths.at(-1)!)] },
  });
}

/** The model's protobuf bytes. */
export function encodeOnnx(model: onnxProto.onnx.ModelProto): Buffer {
  return Buffer.from(onnx.ModelProto.encode(model).finish());
}
