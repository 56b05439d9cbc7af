import { decodeModel, encodeModel, type ModelProto } from '../onnx/onnx-proto.js';
import { findUnknownFields } from '../onnx/onnx-unknown-fields.util.js';
import { dynamicInt8Pass } from './dynamic-int8.pass.js';
import { fp16Pass } from './fp16.pass.js';
import { int4BlockedPass } from './int4-blocked.pass.js';
import { OPTIMIZATION_LEVELS, type OptimizationLevel, type PassStep } from './optimization-levels.constants.js';
import { PassName, type PassReport, type PassResult } from './pass.types.js';
import { prunePass } from './prune.pass.js';
import { weightOnlyInt8Pass } from './weight-only-int8.pass.js';

export function runStep(model: ModelProto, step: PassStep): PassResult {
  switch (step.pass) {
    case PassName.DYNAMIC_INT8:
      return dynamicInt8Pass(model, step.options);
    case PassName.WEIGHT_ONLY_INT8:
      return weightOnlyInt8Pass(model);
    case PassName.INT4_BLOCKED:
      return int4BlockedPass(model, step.options);
    case PassName.FP16:
      return fp16Pass(model);
    case PassName.PRUNE_UNSTRUCTURED:
      return prunePass(model, { mode: 'unstructured', sparsity: step.options.sparsity });
    case PassName.PRUNE_STRUCTURED:
      return prunePass(model, { mode: 'structured', sparsity: step.options.sparsity });
  }
}

export interface BytesResult {
  /** The rewritten model, or the very input bytes when nothing changed or the model was refused. */
  bytes: Uint8Array;
  model: ModelProto | null;
  reports: PassReport[];
  /** Why the model was not touched at all (fields this schema cannot keep); absent otherwise. */
  refused?: string;
}

/**
 * Passes over model bytes, the entry point for stored artifacts. Unknown fields are checked on the bytes because
 * decoding already drops them: such a model is refused whole, rather than rewritten without its newer fields.
 * When no pass changed anything the input bytes come back as they were (a re-encode is not byte-identical).
 */
export function applyStepsToBytes(bytes: Uint8Array, steps: readonly PassStep[]): BytesResult {
  const unknown = findUnknownFields(bytes);
  if (unknown.length > 0) {
    return { bytes, model: null, refused: `the model has fields newer than ONNX IR 8 that a rewrite would drop: ${unknown.join(', ')}`, reports: [] };
  }
  const original = decodeModel(bytes);
  let model = original;
  const reports: PassReport[] = [];
  for (const step of steps) {
    const result = runStep(model, step);
    reports.push(result.report);
    model = result.model;
  }
  const changed = reports.some((report) => report.changed.length > 0);
  return changed ? { bytes: encodeModel(model), model, reports } : { bytes, model: original, reports };
}

export function applyLevelToBytes(bytes: Uint8Array, level: OptimizationLevel): BytesResult {
  return applyStepsToBytes(bytes, OPTIMIZATION_LEVELS[level]);
}
