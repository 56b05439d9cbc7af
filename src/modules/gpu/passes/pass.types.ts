import type { ModelProto } from '../onnx/onnx-proto.js';

export enum PassName {
  DYNAMIC_INT8 = 'dynamic-int8',
  WEIGHT_ONLY_INT8 = 'weight-only-int8',
  INT4_BLOCKED = 'int4-blocked',
  FP16 = 'fp16',
  PRUNE_UNSTRUCTURED = 'prune-unstructured',
  PRUNE_STRUCTURED = 'prune-structured',
}

/** A node a pass left alone, and why (a subgraph, a Constant weight, a shape the rewrite cannot take). */
export interface SkippedNode {
  node: string;
  reason: string;
}

export interface PassReport {
  pass: PassName;
  /** Names of the nodes (or initializers, for pruning) rewritten. */
  changed: string[];
  skipped: SkippedNode[];
  /** One line for people: what was done, or why nothing was ("nothing to quantize: ..."). */
  summary: string;
}

export interface PassResult {
  model: ModelProto;
  report: PassReport;
}

export type ModelPass<Options> = (model: ModelProto, options: Options) => PassResult;
