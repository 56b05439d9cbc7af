/**
 * Symmetric weight quantisation (zero point 0, or 8 for unsigned 4-bit codes) over a row-major [K, N] matrix.
 * Symmetric because weights are roughly zero-centred and it keeps the integer kernels free of weight offsets, the
 * same default onnxruntime's quantize_dynamic uses for int8 weights.
 */
const INT8_MAX = 127;
const INT4_MAX = 7;
const INT4_ZERO_POINT = 8;

function scaleFor(absMax: number, levels: number): number {
  // An all-zero block still needs a positive scale: DequantizeLinear and MatMulNBits multiply by it.
  return absMax > 0 ? absMax / levels : 1;
}

function quantize(value: number, scale: number, max: number): number {
  return Math.max(-max, Math.min(max, Math.round(value / scale)));
}

export interface Int8Weights {
  values: Int8Array;
  /** One scale per tensor (length 1) or per output column (length N). */
  scales: Float32Array;
}

/** `levels` is the largest code: 127 normally, 63 for reduce-range 7-bit weights. */
export function quantizeInt8(weights: Float32Array, k: number, n: number, perColumn: boolean, levels = INT8_MAX): Int8Weights {
  const absMax = new Float32Array(perColumn ? n : 1);
  for (let row = 0; row < k; row++) {
    for (let column = 0; column < n; column++) {
      const slot = perColumn ? column : 0;
      absMax[slot] = Math.max(absMax[slot] ?? 0, Math.abs(weights[row * n + column] ?? 0));
    }
  }
  const scales = absMax.map((value) => scaleFor(value, levels));
  const values = new Int8Array(k * n);
  for (let index = 0; index < k * n; index++) {
    values[index] = quantize(weights[index] ?? 0, scales[perColumn ? index % n : 0] ?? 1, levels);
  }
  return { scales, values };
}

export interface Int4Blocks {
  /** [N, K / blockSize, blockSize / 2] bytes, two codes a byte, the lower K index in the low nibble. */
  packed: Uint8Array;
  /** [N, K / blockSize] scales. */
  scales: Float32Array;
}

/**
 * MatMulNBits' layout (onnxruntime contrib ops): B is stored transposed, column n of the [K, N] weight becomes row n,
 * cut into blocks of `blockSize` along K, each block with its own scale; codes are unsigned with the default zero
 * point 8 (no zero_points input), packed low nibble first.
 */
export function quantizeInt4Blocks(weights: Float32Array, k: number, n: number, blockSize: number): Int4Blocks {
  const blocks = k / blockSize;
  const blobSize = blockSize / 2;
  const packed = new Uint8Array(n * blocks * blobSize);
  const scales = new Float32Array(n * blocks);
  for (let column = 0; column < n; column++) {
    for (let block = 0; block < blocks; block++) {
      let absMax = 0;
      for (let offset = 0; offset < blockSize; offset++) {
        absMax = Math.max(absMax, Math.abs(weights[(block * blockSize + offset) * n + column] ?? 0));
      }
      const scale = scaleFor(absMax, INT4_MAX);
      scales[column * blocks + block] = scale;
      const base = (column * blocks + block) * blobSize;
      for (let offset = 0; offset < blockSize; offset++) {
        const code = quantize(weights[(block * blockSize + offset) * n + column] ?? 0, scale, INT4_MAX) + INT4_ZERO_POINT;
        const byte = base + (offset >> 1);
        packed[byte] = (packed[byte] ?? 0) | (offset % 2 === 0 ? code : code << 4);
      }
    }
  }
  return { packed, scales };
}
