import type { GraphProto, ModelProto, NodeProto, TensorProto } from '../../onnx/onnx-proto.js';
import { walkGraphs } from './graph-walk.js';
import { int64ToNumber, normaliseInt64 } from './long.util.js';
import type { ModelReport, TensorSignature } from './model-report.types.js';
import { dtypeBytes, dtypeName } from './tensor-dtypes.js';

const FLOAT_TYPES: ReadonlySet<number> = new Set([1, 10, 11, 16]);
/**
 * A Constant holding a float tensor this large is a weight, not a shape or a scalar (exporters emit many small
 * Constants for those): below it the passes would have nothing worth quantising anyway.
 */
const WEIGHT_MIN_ELEMENTS = 16;
const EXTERNAL = 1;

type ValueInfo = NonNullable<GraphProto['input']>[number];

interface Tally {
  parameters: { initializers: number; constants: number };
  bytesByDtype: Record<string, number>;
  ops: Record<string, number>;
  nodeCount: number;
  weightsInConstants: boolean;
  weightsInSubgraphs: boolean;
  externalData: string[];
}

function elementsOf(tensor: TensorProto): number {
  return (tensor.dims ?? []).reduce<number>((product, dim) => product * int64ToNumber(dim), 1);
}

function bytesOf(tensor: TensorProto, elements: number): number {
  if (tensor.dataType === 8) {
    return (tensor.stringData ?? []).reduce((sum, value) => sum + value.length, 0);
  }
  return dtypeBytes(tensor.dataType, elements);
}

function addTensor(tally: Tally, tensor: TensorProto, kind: 'initializers' | 'constants'): number {
  const elements = elementsOf(tensor);
  tally.parameters[kind] += elements;
  const dtype = dtypeName(tensor.dataType);
  tally.bytesByDtype[dtype] = (tally.bytesByDtype[dtype] ?? 0) + bytesOf(tensor, elements);
  if (Number(tensor.dataLocation) === EXTERNAL || (tensor.externalData ?? []).length > 0) {
    tally.externalData.push(tensor.name ?? '');
  }
  return elements;
}

/** Counts a Constant node's payload; says whether it is weight-like (a float tensor of some size). */
function addConstant(tally: Tally, node: NodeProto): boolean {
  let weightLike = false;
  for (const attribute of node.attribute ?? []) {
    if (attribute.name === 'value' && attribute.t) {
      const elements = addTensor(tally, attribute.t, 'constants');
      weightLike ||= FLOAT_TYPES.has(attribute.t.dataType ?? 0) && elements >= WEIGHT_MIN_ELEMENTS;
    } else if (attribute.name === 'value_float' || attribute.name === 'value_int') {
      tally.parameters.constants += 1;
      const dtype = attribute.name === 'value_float' ? 'float32' : 'int64';
      tally.bytesByDtype[dtype] = (tally.bytesByDtype[dtype] ?? 0) + (attribute.name === 'value_float' ? 4 : 8);
    } else if (attribute.name === 'value_floats' || attribute.name === 'value_ints') {
      const count = attribute.name === 'value_floats' ? (attribute.floats ?? []).length : (attribute.ints ?? []).length;
      tally.parameters.constants += count;
      const dtype = attribute.name === 'value_floats' ? 'float32' : 'int64';
      tally.bytesByDtype[dtype] = (tally.bytesByDtype[dtype] ?? 0) + count * (attribute.name === 'value_floats' ? 4 : 8);
    }
  }
  return weightLike;
}

function tallyGraph(tally: Tally, graph: GraphProto, depth: number): void {
  for (const initializer of graph.initializer ?? []) {
    const elements = addTensor(tally, initializer, 'initializers');
    tally.weightsInSubgraphs ||= depth > 0 && elements > 0;
  }
  for (const node of graph.node ?? []) {
    tally.nodeCount += 1;
    const key = `${node.domain === undefined || node.domain === null || node.domain === '' ? 'ai.onnx' : node.domain}::${node.opType ?? ''}`;
    tally.ops[key] = (tally.ops[key] ?? 0) + 1;
    if (node.opType === 'Constant' && (node.domain ?? '') === '' && addConstant(tally, node)) {
      tally.weightsInConstants = true;
      tally.weightsInSubgraphs ||= depth > 0;
    }
  }
}

function signatureOf(info: ValueInfo): TensorSignature {
  const tensorType = info.type?.tensorType;
  const dims = tensorType?.shape?.dim;
  return {
    name: info.name ?? '',
    dtype: tensorType ? dtypeName(tensorType.elemType) : 'non-tensor',
    shape: tensorType?.shape ? (dims ?? []).map((dim) => (dim.dimParam ? dim.dimParam : dim.dimValue !== null && dim.dimValue !== undefined ? normaliseInt64(dim.dimValue) : null)) : null,
  };
}

/**
 * The inspection report of a decoded model: signature, parameters (initializers and Constant payloads apart), bytes
 * by dtype, op histogram over every subgraph, and the flags that tell the passes what they must not touch.
 */
export function inspectModel(model: ModelProto): ModelReport {
  const graph = model.graph ?? {};
  const initializerNames = new Set((graph.initializer ?? []).map((tensor) => tensor.name));
  const tally: Tally = { parameters: { initializers: 0, constants: 0 }, bytesByDtype: {}, ops: {}, nodeCount: 0, weightsInConstants: false, weightsInSubgraphs: false, externalData: [] };
  const graphs = walkGraphs(graph);
  for (const { graph: visited, depth } of graphs) {
    tallyGraph(tally, visited, depth);
  }
  const { initializers, constants } = tally.parameters;
  return {
    irVersion: normaliseInt64(model.irVersion),
    producer: { name: model.producerName ?? '', version: model.producerVersion ?? '' },
    opsets: (model.opsetImport ?? []).map((opset) => ({ domain: opset.domain === undefined || opset.domain === null || opset.domain === '' ? 'ai.onnx' : opset.domain, version: normaliseInt64(opset.version) })),
    // Older exporters list initializers among the inputs too; those are weights, not what a caller feeds.
    inputs: (graph.input ?? []).filter((input) => !initializerNames.has(input.name ?? '')).map(signatureOf),
    outputs: (graph.output ?? []).map(signatureOf),
    parameters: { initializers, constants, total: initializers + constants },
    bytesByDtype: tally.bytesByDtype,
    ops: tally.ops,
    nodeCount: tally.nodeCount,
    subgraphCount: graphs.length - 1,
    flags: { weightsInConstants: tally.weightsInConstants, weightsInSubgraphs: tally.weightsInSubgraphs, externalData: tally.externalData },
  };
}
