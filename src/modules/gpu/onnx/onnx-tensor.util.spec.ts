import { onnx } from './onnx-proto.js';
import { DataType, float16BitsToFloat32, float16Tensor, float32Tensor, float32ToFloat16Bits, readFloatTensor, tensorDims } from './onnx-tensor.util.js';

describe('onnx-tensor.util', () => {
  describe('readFloatTensor', () => {
    it('reads fp32 values from float_data and from little-endian raw_data alike', () => {
      const values = Float32Array.from([1.5, -2, 3.25, 0]);
      const fromFloatData = onnx.TensorProto.create({ dataType: DataType.FLOAT, dims: [2, 2], floatData: Array.from(values) });
      const fromRaw = onnx.TensorProto.decode(onnx.TensorProto.encode(float32Tensor('w', [2, 2], values)).finish());
      expect(readFloatTensor(fromFloatData)).toEqual(values);
      expect(readFloatTensor(fromRaw)).toEqual(values);
      expect(Array.from(fromRaw.rawData?.subarray(0, 4) ?? [])).toEqual([0x00, 0x00, 0xc0, 0x3f]);
    });

    it('reads fp16 values from raw_data and from int32_data bit patterns', () => {
      const raw = float16Tensor('h', [3], Float32Array.from([1, -0.5, 65504]));
      const bits = onnx.TensorProto.create({ dataType: DataType.FLOAT16, dims: [3], int32Data: [0x3c00, 0xb800, 0x7bff] });
      expect(Array.from(readFloatTensor(raw))).toEqual([1, -0.5, 65504]);
      expect(Array.from(readFloatTensor(bits))).toEqual([1, -0.5, 65504]);
    });

    it('refuses tensors that are not float', () => {
      expect(() => readFloatTensor(onnx.TensorProto.create({ dataType: DataType.INT64, dims: [1], int64Data: [1] }))).toThrow('not FLOAT or FLOAT16');
    });
  });

  describe('tensorDims', () => {
    it('turns Long dims from a decoded tensor into numbers', () => {
      const decoded = onnx.TensorProto.decode(onnx.TensorProto.encode({ dataType: DataType.FLOAT, dims: [4096, 1024] }).finish());
      expect(tensorDims(decoded)).toEqual([4096, 1024]);
    });
  });

  describe('float32ToFloat16Bits', () => {
    it('rounds to nearest even and maps overflow, subnormals and NaN like IEEE 754', () => {
      expect(float32ToFloat16Bits(1)).toBe(0x3c00);
      expect(float32ToFloat16Bits(1 + 2 ** -11)).toBe(0x3c00);
      expect(float32ToFloat16Bits(1 + 3 * 2 ** -11)).toBe(0x3c02);
      expect(float32ToFloat16Bits(70000)).toBe(0x7c00);
      expect(float32ToFloat16Bits(-(2 ** -24))).toBe(0x8001);
      expect(float32ToFloat16Bits(2 ** -26)).toBe(0);
      expect(Number.isNaN(float16BitsToFloat32(float32ToFloat16Bits(NaN)))).toBe(true);
      expect(float16BitsToFloat32(0x0001)).toBe(2 ** -24);
    });
  });
});
