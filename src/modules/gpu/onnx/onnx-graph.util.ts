import type OnnxTypes from 'onnx-proto';

import { onnx, type GraphProto, type ModelProto, type NodeProto } from './onnx-proto.js';
import { toNumber } from './onnx-tensor.util.js';

/** A deep copy through the wire format, so nothing (Buffers, Longs, nested arrays) is shared with the original. */
export function cloneModel(model: ModelProto): ModelProto {
  return onnx.ModelProto.decode(onnx.ModelProto.encode(model).finish());
}

/** The opset version a model imports for a domain ('' and 'ai.onnx' are the same default domain); 0 when absent. */
export function opsetVersion(model: ModelProto, domain = ''): number {
  const wanted = domain === 'ai.onnx' ? '' : domain;
  const entry = model.opsetImport.find((opset) => (opset.domain ?? '') === wanted || (wanted === '' && opset.domain === 'ai.onnx'));
  return entry === undefined ? 0 : toNumber(entry.version);
}

export function ensureOpset(model: ModelProto, domain: string, version: number): void {
  if (opsetVersion(model, domain) === 0) {
    model.opsetImport.push(onnx.OperatorSetIdProto.create({ domain, version }));
  }
}

/** Whether a node carries a graph attribute (If, Loop, Scan and custom control flow). */
export function holdsSubgraph(node: NodeProto): boolean {
  return (node.attribute ?? []).some((attribute) => attribute.g !== null && attribute.g !== undefined) ||
    (node.attribute ?? []).some((attribute) => (attribute.graphs ?? []).length > 0);
}

export function nodeLabel(node: NodeProto, index: number): string {
  return node.name !== null && node.name !== undefined && node.name !== '' ? node.name : `${node.opType ?? 'node'}#${index}`;
}

export function intAttribute(name: string, value: number): OnnxTypes.onnx.IAttributeProto {
  return { i: value, name, type: onnx.AttributeProto.AttributeType.INT };
}

export function makeNode(opType: string, inputs: string[], outputs: string[], name: string, extra: Partial<NodeProto> = {}): NodeProto {
  return onnx.NodeProto.create({ input: inputs, name, opType, output: outputs, ...extra });
}

/** Hands out names no value, node or initializer of the graph uses yet. */
export class NameAllocator {
  private readonly taken = new Set<string>();

  constructor(graph: GraphProto) {
    for (const node of graph.node ?? []) {
      this.taken.add(node.name ?? '');
      (node.input ?? []).forEach((name) => this.taken.add(name));
      (node.output ?? []).forEach((name) => this.taken.add(name));
    }
    for (const list of [graph.initializer ?? [], graph.input ?? [], graph.output ?? [], graph.valueInfo ?? []]) {
      list.forEach((item) => this.taken.add(item.name ?? ''));
    }
  }

  take(base: string): string {
    let name = base;
    for (let suffix = 1; this.taken.has(name); suffix++) {
      name = `${base}_${suffix}`;
    }
    this.taken.add(name);
    return name;
  }
}

/** Drops the initializers in `names` that no node reads any more (after their consumers were rewritten). */
export function dropUnusedInitializers(graph: GraphProto, names: ReadonlySet<string>): void {
  const read = new Set((graph.node ?? []).flatMap((node) => node.input ?? []));
  (graph.output ?? []).forEach((output) => read.add(output.name ?? ''));
  graph.initializer = (graph.initializer ?? []).filter((tensor) => !names.has(tensor.name ?? '') || read.has(tensor.name ?? ''));
}
