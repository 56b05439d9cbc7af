/** @jest-environment ./test/support/onnxruntime-environment.js */
import { onnx } from '../onnx/onnx-proto.js';
import { DataType } from '../onnx/onnx-tensor.util.js';
import { fp16Pass } from './fp16.pass.js';
import { PASS_GATES } from './optimization-levels.constants.js';
import { fingerprint, opTypes, testMlp, validate } from './pass-test.util.js';
import { PassName } from './pass.types.js';

describe('fp16Pass', () => {
  describe('fp16Pass', () => {
    it('stores weights in fp16 behind fp32 inputs and outputs, and stays within the FP16 gate in onnxruntime', async () => {
      const model = testMlp();
      const { model: converted, report } = fp16Pass(model);
      expect(report.changed).toEqual(['layer0.matmul', 'layer0.add', 'layer0.relu', 'layer1.matmul', 'layer1.add']);
      expect(new Set((converted.graph?.initializer ?? []).map((tensor) => tensor.dataType))).toEqual(new Set([DataType.FLOAT16]));
      expect(converted.graph?.input?.[0]?.type?.tensorType?.elemType).toBe(DataType.FLOAT);
      expect(converted.graph?.output?.[0]?.type?.tensorType?.elemType).toBe(DataType.FLOAT);
      expect(opTypes(converted)[0]).toBe('Cast');
      expect(opTypes(converted).at(-1)).toBe('Cast');
      await expect(validate(model, converted, PASS_GATES[PassName.FP16])).resolves.toMatchObject({ loaded: true, passed: true });
    });

    it('keeps ops that need fp32 between Casts', async () => {
      const model = testMlp();
      const graph = model.graph ?? {};
      // Clip the hidden activation with Max against a zero: Max is on the fp32 list.
      graph.initializer?.push(onnx.TensorProto.create({ dataType: DataType.FLOAT, dims: [], floatData: [0], name: 'zero' }));
      graph.node?.splice(3, 0, onnx.NodeProto.create({ input: ['layer0.activation', 'zero'], name: 'floor', opType: 'Max', output: ['floored'] }));
      const second = graph.node?.find((node) => node.name === 'layer1.matmul');
      if (second?.input !== undefined && second.input !== null) {
        second.input[0] = 'floored';
      }
      const { model: converted, report } = fp16Pass(model);
      expect(report.skipped).toEqual([{ node: 'floor', reason: 'Max kept in fp32' }]);
      expect(opTypes(converted).slice(4, 8)).toEqual(['Cast', 'Cast', 'Max', 'Cast']);
      await expect(validate(model, converted, PASS_GATES[PassName.FP16])).resolves.toMatchObject({ loaded: true, passed: true });
    });

    it('refuses a graph with an op whose fp16 type rule it does not know, unchanged', () => {
      const model = testMlp();
      model.graph?.node?.push(onnx.NodeProto.create({ input: ['output'], name: 'mystery', opType: 'Einsum', output: ['other'] }));
      const { model: result, report } = fp16Pass(model);
      expect(report).toMatchObject({ changed: [], skipped: [{ node: 'mystery', reason: 'op Einsum has no known fp16 type rule' }] });
      expect(fingerprint(result)).toBe(fingerprint(model));
    });

    it('leaves its input model untouched', () => {
      const model = testMlp();
      const before = fingerprint(model);
      fp16Pass(model);
      expect(fingerprint(model)).toBe(before);
    });
  });
});
