import { buildMlpModel } from '../onnx/mlp-model.builder.js';
import { encodeModel, type ModelProto } from '../onnx/onnx-proto.js';
import { OrtRunner } from '../onnx/ort-runner.adapter.js';
import { PassValidator, type ValidationReport } from './pass-validator.js';

/** The MLP the pass specs share in shape (each spec builds its own copy): 64 -> 128 -> 32, seed 7. */
export function testMlp(sizes: readonly number[] = [64, 128, 32]): ModelProto {
  return buildMlpModel({ seed: 7, sizes });
}

/** Runs original and optimised in onnxruntime-node on seeded inputs (batch 8). */
export async function validate(original: ModelProto, optimised: ModelProto, tolerance: number): Promise<ValidationReport> {
  return new PassValidator(new OrtRunner()).validatePass(original, optimised, { inputs: { batch: 8, seed: 11 }, tolerance });
}

export function opTypes(model: ModelProto): string[] {
  return (model.graph?.node ?? []).map((node) => node.opType ?? '');
}

export function fingerprint(model: ModelProto): string {
  return Buffer.from(encodeModel(model)).toString('base64');
}
