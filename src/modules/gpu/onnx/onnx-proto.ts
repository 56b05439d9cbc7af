import onnxProto from 'onnx-proto';

import { GpuException, GpuExceptionCode } from '../gpu.exception.js';

/** The ONNX protobuf schema (IR version 8) as protobufjs classes; int64 fields decode as `Long` or number. */
export const onnx = onnxProto.onnx;
export type ModelProto = onnxProto.onnx.ModelProto;
export type GraphProto = onnxProto.onnx.IGraphProto;
export type NodeProto = onnxProto.onnx.INodeProto;
export type TensorProto = onnxProto.onnx.ITensorProto;

/** A model from its bytes; anything protobuf cannot read, or that has no graph, is refused as not ONNX. */
export function decodeModel(bytes: Uint8Array): ModelProto {
  let model: ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (error) {
    throw new GpuException(GpuExceptionCode.INVALID_MODEL, `Not an ONNX model: ${error instanceof Error ? error.message : String(error)}.`);
  }
  if (model.graph === null || model.graph === undefined) {
    throw new GpuException(GpuExceptionCode.INVALID_MODEL, 'Not an ONNX model: it has no graph.');
  }
  return model;
}

export function encodeModel(model: ModelProto): Uint8Array {
  return onnx.ModelProto.encode(model).finish();
}
