import { buildMlpModel } from '../onnx/mlp-model.builder.js';
import { encodeModel, onnx, type ModelProto } from '../onnx/onnx-proto.js';
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

function varint(value: number): number[] {
  const bytes: number[] = [];
  for (; value >= 0x80; value = Math.floor(value / 0x80)) {
    bytes.push((value % 0x80) | 0x80);
  }
  return [...bytes, value];
}

/** A length-delimited protobuf field, to splice a field the schema does not know into otherwise valid bytes. */
function field(number: number, payload: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from([...varint(number * 8 + 2), ...varint(payload.length)]), payload]);
}

/** The test MLP with NodeProto field 9 (metadata_props in ONNX >= 1.16) on its first node. */
export function mlpWithNewerNodeField(): Uint8Array {
  const model = testMlp();
  const [first, ...rest] = model.graph?.node ?? [];
  const node = Buffer.concat([onnx.NodeProto.encode(first ?? {}).finish(), field(9, Buffer.from([0x0a, 0x01, 0x6b]))]);
  const graph = Buffer.concat([field(1, node), onnx.GraphProto.encode({ ...model.graph, node: rest }).finish()]);
  return Buffer.concat([onnx.ModelProto.encode({ ...model, graph: null }).finish(), field(7, graph)]);
}
