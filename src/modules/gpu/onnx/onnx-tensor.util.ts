import { onnx, type TensorProto } from './onnx-proto.js';

export const DataType = onnx.TensorProto.DataType;

/**
 * int64 fields decode as Long or number depending on their size; dims and versions always fit a double. Typed as
 * unknown because onnx-proto's declarations name a global `Long` type that no package here declares.
 */
export function toNumber(value: unknown): number {
  if (typeof value === 'number') {
    return value;
  }
  if (typeof value === 'object' && value !== null && 'toNumber' in value) {
    return (value as { toNumber(): number }).toNumber();
  }
  return value === null || value === undefined ? 0 : Number(value);
}

export function tensorDims(tensor: TensorProto): number[] {
  return (tensor.dims ?? []).map((dim) => toNumber(dim));
}

export function elementCount(dims: readonly number[]): number {
  return dims.reduce((count, dim) => count * dim, 1);
}

/** A view on raw_data that respects the Buffer's offset into its pool (protobufjs hands out slices). */
function rawView(tensor: TensorProto): DataView | null {
  const raw = tensor.rawData;
  if (raw === null || raw === undefined || raw.length === 0) {
    return null;
  }
  return new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
}

/**
 * The values of a FLOAT or FLOAT16 tensor as float32, whichever field holds them: raw_data (little-endian by the
 * ONNX spec), float_data, or int32_data (where float16 bit patterns live when not raw).
 */
export function readFloatTensor(tensor: TensorProto): Float32Array {
  const count = elementCount(tensorDims(tensor));
  const view = rawView(tensor);
  const values = new Float32Array(count);
  if (tensor.dataType === DataType.FLOAT) {
    if (view === null) {
      values.set(tensor.floatData ?? []);
      return values;
    }
    for (let i = 0; i < count; i++) {
      values[i] = view.getFloat32(i * 4, true);
    }
    return values;
  }
  if (tensor.dataType === DataType.FLOAT16) {
    for (let i = 0; i < count; i++) {
      values[i] = float16BitsToFloat32(view === null ? (tensor.int32Data?.[i] ?? 0) : view.getUint16(i * 2, true));
    }
    return values;
  }
  throw new TypeError(`Tensor ${tensor.name ?? ''} is not FLOAT or FLOAT16 (data type ${tensor.dataType ?? 0}).`);
}

function bytesTensor(name: string, dims: readonly number[], dataType: number, rawData: Uint8Array): TensorProto {
  return onnx.TensorProto.create({ dataType, dims: [...dims], name, rawData });
}

export function float32Tensor(name: string, dims: readonly number[], values: Float32Array): TensorProto {
  const raw = new Uint8Array(values.length * 4);
  const view = new DataView(raw.buffer);
  values.forEach((value, i) => view.setFloat32(i * 4, value, true));
  return bytesTensor(name, dims, DataType.FLOAT, raw);
}

export function float16Tensor(name: string, dims: readonly number[], values: Float32Array): TensorProto {
  const raw = new Uint8Array(values.length * 2);
  const view = new DataView(raw.buffer);
  values.forEach((value, i) => view.setUint16(i * 2, float32ToFloat16Bits(value), true));
  return bytesTensor(name, dims, DataType.FLOAT16, raw);
}

export function int8Tensor(name: string, dims: readonly number[], values: Int8Array): TensorProto {
  return bytesTensor(name, dims, DataType.INT8, new Uint8Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength)));
}

export function uint8Tensor(name: string, dims: readonly number[], values: Uint8Array): TensorProto {
  return bytesTensor(name, dims, DataType.UINT8, Uint8Array.from(values));
}

const FLOAT_VIEW = new Float32Array(1);
const BITS_VIEW = new Uint32Array(FLOAT_VIEW.buffer);

/** IEEE 754 half from single, round to nearest even; overflow goes to infinity, tiny values to subnormals or zero. */
export function float32ToFloat16Bits(value: number): number {
  FLOAT_VIEW[0] = value;
  const bits = BITS_VIEW[0] ?? 0;
  const sign = (bits >>> 16) & 0x8000;
  const exponent = (bits >>> 23) & 0xff;
  const mantissa = bits & 0x7fffff;
  if (exponent === 0xff) {
    return sign | 0x7c00 | (mantissa === 0 ? 0 : 0x200);
  }
  const halfExponent = exponent - 127 + 15;
  if (halfExponent >= 0x1f) {
    return sign | 0x7c00;
  }
  if (halfExponent <= 0) {
    if (halfExponent < -10) {
      return sign;
    }
    const full = mantissa | 0x800000;
    const shift = 14 - halfExponent;
    const half = full >>> shift;
    const remainder = full & ((1 << shift) - 1);
    const halfway = 1 << (shift - 1);
    return sign | (remainder > halfway || (remainder === halfway && (half & 1) === 1) ? half + 1 : half);
  }
  const half = (halfExponent << 10) | (mantissa >>> 13);
  const remainder = mantissa & 0x1fff;
  // A carry out of the mantissa correctly bumps the exponent (and reaches infinity at the top).
  return sign | (remainder > 0x1000 || (remainder === 0x1000 && (half & 1) === 1) ? half + 1 : half);
}

export function float16BitsToFloat32(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >>> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0) {
    return sign * mantissa * 2 ** -24;
  }
  if (exponent === 0x1f) {
    return mantissa === 0 ? sign * Infinity : NaN;
  }
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}
