import { cloneModel, holdsSubgraph, intAttribute, makeNode, NameAllocator, nodeLabel } from '../onnx/onnx-graph.util.js';
import type { GraphProto, ModelProto, NodeProto } from '../onnx/onnx-proto.js';
import { DataType, float16Tensor, readFloatTensor, tensorDims, toNumber } from '../onnx/onnx-tensor.util.js';
import { FP16_FOLLOWING_OPS, FP32_KEPT_OPS, NON_FLOAT_OUTPUT_OPS } from './fp16-ops.constants.js';
import { PassName, type PassReport, type PassResult, type SkippedNode } from './pass.types.js';

/** As a plain number: attribute values (`to` of Cast) are numbers, not members of the DataType enum. */
const FLOAT_TYPE: number = DataType.FLOAT;

function refused(skipped: SkippedNode[]): PassReport {
  return { changed: [], pass: PassName.FP16, skipped, summary: `nothing to convert: ${skipped.length} node(s) block an fp16 rewrite` };
}

/** Names of the values that are fp32 in the original graph, following types through the known ops. */
function floatValues(graph: GraphProto): { floats: Set<string>; blockers: SkippedNode[] } {
  const floats = new Set<string>();
  for (const input of graph.input ?? []) {
    if (input.type?.tensorType?.elemType === DataType.FLOAT) {
      floats.add(input.name ?? '');
    }
  }
  (graph.initializer ?? []).filter((tensor) => tensor.dataType === DataType.FLOAT).forEach((tensor) => floats.add(tensor.name ?? ''));
  const blockers: SkippedNode[] = [];
  (graph.node ?? []).forEach((node, index) => {
    const op = node.opType ?? '';
    const outputs = node.output ?? [];
    if (holdsSubgraph(node) || (node.domain ?? '') !== '') {
      blockers.push({ node: nodeLabel(node, index), reason: holdsSubgraph(node) ? `${op} holds a subgraph: not rewritten` : `custom-domain op ${node.domain ?? ''}.${op}` });
    } else if (op === 'Constant') {
      if (node.attribute?.[0]?.t?.dataType === DataType.FLOAT) {
        outputs.forEach((output) => floats.add(output));
      }
    } else if (op === 'Cast') {
      if (toNumber(node.attribute?.find((attribute) => attribute.name === 'to')?.i) === FLOAT_TYPE) {
        outputs.forEach((output) => floats.add(output));
      }
    } else if (FP16_FOLLOWING_OPS.has(op) || FP32_KEPT_OPS.has(op)) {
      if ((node.input ?? []).some((input) => floats.has(input))) {
        (op === 'Split' ? outputs : outputs.slice(0, 1)).forEach((output) => floats.add(output));
      }
    } else if (!NON_FLOAT_OUTPUT_OPS.has(op)) {
      blockers.push({ node: nodeLabel(node, index), reason: `op ${op} has no known fp16 type rule` });
    }
  });
  return { blockers, floats };
}

/**
 * FP16 keeping float inputs and outputs: every fp32 initializer, Constant and internal value becomes fp16, a Cast
 * after each float graph input and before each float graph output keeps the model's interface fp32, and ops in
 * FP32_KEPT_OPS run in fp32 between Casts. Control flow, custom-domain ops and ops with unknown type rules make it
 * refuse the whole model (listed in `skipped`), because a half-converted graph does not load.
 */
export function fp16Pass(model: ModelProto): PassResult {
  const copy = cloneModel(model);
  const graph = copy.graph ?? {};
  const { blockers, floats } = floatValues(graph);
  if (blockers.length > 0) {
    return { model: copy, report: refused(blockers) };
  }
  const names = new NameAllocator(graph);
  const renames = new Map<string, string>();
  const head: NodeProto[] = [];
  for (const input of graph.input ?? []) {
    const name = input.name ?? '';
    if (floats.has(name) && !(graph.initializer ?? []).some((tensor) => tensor.name === name)) {
      renames.set(name, names.take(`${name}_fp16`));
      head.push(makeNode('Cast', [name], [renames.get(name) ?? ''], names.take(`${name}_cast_fp16`), { attribute: [intAttribute('to', DataType.FLOAT16)] }));
    }
  }
  const tail: NodeProto[] = [];
  for (const output of graph.output ?? []) {
    const name = output.name ?? '';
    if (floats.has(name) && !renames.has(name)) {
      renames.set(name, names.take(`${name}_fp16`));
      tail.push(makeNode('Cast', [renames.get(name) ?? ''], [name], names.take(`${name}_cast_fp32`), { attribute: [intAttribute('to', DataType.FLOAT)] }));
    }
  }
  const changed: string[] = [];
  const kept: SkippedNode[] = [];
  const body = (graph.node ?? []).flatMap((node, index) => convertNode(node, nodeLabel(node, index), { changed, floats, kept, names, renames }));
  graph.node = [...head, ...body, ...tail];
  graph.initializer = (graph.initializer ?? []).map((tensor) => (tensor.dataType === DataType.FLOAT ? float16Tensor(tensor.name ?? '', tensorDims(tensor), readFloatTensor(tensor)) : tensor));
  for (const info of graph.valueInfo ?? []) {
    if (info.type?.tensorType?.elemType === DataType.FLOAT) {
      info.type.tensorType.elemType = DataType.FLOAT16;
    }
  }
  const summary = `fp16 on ${changed.length} node(s), inputs and outputs kept fp32` + (kept.length === 0 ? '' : `, ${kept.length} kept in fp32`);
  return { model: copy, report: { changed, pass: PassName.FP16, skipped: kept, summary } };
}

interface ConvertState {
  changed: string[];
  floats: Set<string>;
  kept: SkippedNode[];
  names: NameAllocator;
  renames: Map<string, string>;
}

function convertNode(node: NodeProto, label: string, state: ConvertState): NodeProto[] {
  const op = node.opType ?? '';
  // Types are decided on the original names, before graph inputs and outputs are renamed to their fp16 twins.
  const floatInputs = (node.input ?? []).map((input) => state.floats.has(input));
  const floatOutputs = (node.output ?? []).map((output) => state.floats.has(output));
  node.input = (node.input ?? []).map((input) => state.renames.get(input) ?? input);
  node.output = (node.output ?? []).map((output) => state.renames.get(output) ?? output);
  const constant = op === 'Constant' ? node.attribute?.[0]?.t : undefined;
  if (constant !== undefined && constant !== null && constant.dataType === DataType.FLOAT && node.attribute?.[0] !== undefined) {
    node.attribute[0].t = float16Tensor(constant.name ?? '', tensorDims(constant), readFloatTensor(constant));
  } else if (op === 'Cast' && floatOutputs[0] === true) {
    node.attribute = [intAttribute('to', DataType.FLOAT16)];
  } else if (FP32_KEPT_OPS.has(op) && floatInputs.includes(true)) {
    return keepFp32(node, label, floatInputs, floatOutputs, state);
  } else if (!floatInputs.includes(true)) {
    return [node];
  }
  state.changed.push(label);
  return [node];
}

function keepFp32(node: NodeProto, label: string, floatInputs: boolean[], floatOutputs: boolean[], state: ConvertState): NodeProto[] {
  const before: NodeProto[] = [];
  const after: NodeProto[] = [];
  node.input = (node.input ?? []).map((input, index) => {
    if (floatInputs[index] !== true) {
      return input;
    }
    const cast = state.names.take(`${input}_fp32`);
    before.push(makeNode('Cast', [input], [cast], state.names.take(`${label}_input${index}_cast_fp32`), { attribute: [intAttribute('to', DataType.FLOAT)] }));
    return cast;
  });
  node.output = (node.output ?? []).map((output, index) => {
    if (floatOutputs[index] !== true) {
      return output;
    }
    const raw = state.names.take(`${output}_fp32`);
    after.push(makeNode('Cast', [raw], [output], state.names.take(`${label}_output${index}_cast_fp16`), { attribute: [intAttribute('to', DataType.FLOAT16)] }));
    return raw;
  });
  state.kept.push({ node: label, reason: `${node.opType ?? ''} kept in fp32` });
  return [...before, node, ...after];
}
