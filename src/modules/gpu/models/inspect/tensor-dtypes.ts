/**
 * ONNX TensorProto.DataType codes with their names and storage bits per element. The codes past BFLOAT16 (float8,
 * 4-bit) are newer than the IR-8 schema onnx-proto carries, but they are plain enum values on the wire.
 */
const DTYPES: Readonly<Record<number, { name: string; bits: number }>> = {
  1: { name: 'float32', bits: 32 },
  2: { name: 'uint8', bits: 8 },
  3: { name: 'int8', bits: 8 },
  4: { name: 'uint16', bits: 16 },
  5: { name: 'int16', bits: 16 },
  6: { name: 'int32', bits: 32 },
  7: { name: 'int64', bits: 64 },
  8: { name: 'string', bits: 0 },
  9: { name: 'bool', bits: 8 },
  10: { name: 'float16', bits: 16 },
  11: { name: 'float64', bits: 64 },
  12: { name: 'uint32', bits: 32 },
  13: { name: 'uint64', bits: 64 },
  14: { name: 'complex64', bits: 64 },
  15: { name: 'complex128', bits: 128 },
  16: { name: 'bfloat16', bits: 16 },
  17: { name: 'float8e4m3fn', bits: 8 },
  18: { name: 'float8e4m3fnuz', bits: 8 },
  19: { name: 'float8e5m2', bits: 8 },
  20: { name: 'float8e5m2fnuz', bits: 8 },
  21: { name: 'uint4', bits: 4 },
  22: { name: 'int4', bits: 4 },
  23: { name: 'float4e2m1', bits: 4 },
};

export function dtypeName(code: number | null | undefined): string {
  return DTYPES[code ?? 0]?.name ?? `unknown(${code ?? 0})`;
}

/** Storage bytes of `elements` values (packed for 4-bit types); strings are measured from their data instead. */
export function dtypeBytes(code: number | null | undefined, elements: number): number {
  const bits = DTYPES[code ?? 0]?.bits ?? 0;
  return Math.ceil((elements * bits) / 8);
}
