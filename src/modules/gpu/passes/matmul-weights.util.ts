import { holdsSubgraph, nodeLabel } from '../onnx/onnx-graph.util.js';
import { onnx, type GraphProto, type ModelProto, type NodeProto, type TensorProto } from '../onnx/onnx-proto.js';
import { DataType, readFloatTensor, tensorDims } from '../onnx/onnx-tensor.util.js';
import type { PassName, PassReport, SkippedNode } from './pass.types.js';

/** A MatMul whose right-hand side is a 2-D fp32 initializer [K, N]: the one shape every weight pass rewrites. */
export interface MatMulWeight {
  node: NodeProto;
  label: string;
  weight: TensorProto;
  values: Float32Array;
  k: number;
  n: number;
}

export interface WeightScan {
  eligible: MatMulWeight[];
  skipped: SkippedNode[];
}

function constantOutputs(graph: GraphProto): Set<string> {
  return new Set((graph.node ?? []).filter((node) => node.opType === 'Constant').flatMap((node) => node.output ?? []));
}

/**
 * Finds what a weight pass may rewrite in the main graph and says why everything else is left alone. Subgraphs
 * (If/Loop/Scan) are never entered: their outer-scope references and the weights they hold (often in Constant
 * nodes, as Silero VAD v5 does) cannot be rewritten safely from here.
 */
export function scanMatMulWeights(model: ModelProto): WeightScan {
  const graph = model.graph ?? {};
  const initializers = new Map((graph.initializer ?? []).map((tensor) => [tensor.name ?? '', tensor]));
  const graphInputs = new Set((graph.input ?? []).map((input) => input.name ?? ''));
  const constants = constantOutputs(graph);
  const eligible: MatMulWeight[] = [];
  const skipped: SkippedNode[] = [];
  (graph.node ?? []).forEach((node, index) => {
    const label = nodeLabel(node, index);
    if (holdsSubgraph(node)) {
      skipped.push({ node: label, reason: `${node.opType ?? ''} holds a subgraph: weights inside subgraphs are not rewritten` });
      return;
    }
    if (node.opType !== 'MatMul' || (node.domain ?? '') !== '') {
      return;
    }
    const weightName = node.input?.[1] ?? '';
    const reason = ineligibleReason(weightName, initializers.get(weightName), constants, graphInputs);
    if (reason !== null) {
      skipped.push({ node: label, reason });
      return;
    }
    const weight = initializers.get(weightName) as TensorProto;
    const [k = 0, n = 0] = tensorDims(weight);
    eligible.push({ k, label, n, node, values: readFloatTensor(weight), weight });
  });
  return { eligible, skipped };
}

function ineligibleReason(name: string, weight: TensorProto | undefined, constants: Set<string>, graphInputs: Set<string>): string | null {
  if (constants.has(name)) {
    return `weight ${name} is held in a Constant node, not an initializer`;
  }
  if (weight === undefined) {
    return `right-hand side ${name} is not an initializer (activation x activation)`;
  }
  if (graphInputs.has(name)) {
    return `initializer ${name} is also a graph input, so callers may override it`;
  }
  if (weight.dataType !== DataType.FLOAT) {
    return `weight ${name} is not fp32 (data type ${weight.dataType ?? 0})`;
  }
  if (weight.dataLocation === onnx.TensorProto.DataLocation.EXTERNAL) {
    return `weight ${name} is stored as external data`;
  }
  if (tensorDims(weight).length !== 2) {
    return `weight ${name} is not 2-D`;
  }
  return null;
}

/** The report when a scan found nothing to rewrite: the graph is handed back untouched. */
export function nothingToQuantize(pass: PassName, skipped: SkippedNode[]): PassReport {
  const because = skipped.length === 0 ? 'no MatMul with an fp32 initializer weight' : `${skipped.length} node(s) skipped`;
  return { changed: [], pass, skipped, summary: `nothing to quantize: ${because}` };
}

export function changedSummary(verb: string, changed: readonly string[], skipped: readonly SkippedNode[]): string {
  return `${verb} ${changed.length} MatMul(s)` + (skipped.length === 0 ? '' : `, skipped ${skipped.length}`);
}
