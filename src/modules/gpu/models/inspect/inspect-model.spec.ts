import { buildMlpModel } from '@app/testing';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import { decodeModel, onnx } from '../../onnx/onnx-proto.js';
import { inspectModel } from './inspect-model.js';

const vadDist = dirname(createRequire(import.meta.url).resolve('@ricky0123/vad-web/dist/silero_vad_v5.onnx'));
const silero = (file: string): ReturnType<typeof decodeModel> => decodeModel(readFileSync(join(vadDist, file)));

describe(inspectModel.name, () => {
  describe('an MLP built in the test', () => {
    const report = inspectModel(decodeModel(onnx.ModelProto.encode(buildMlpModel({ widths: [4, 8, 2] })).finish()));

    it('reads the header: IR version and opsets as numbers after decoding int64 Longs', () => {
      expect(report.irVersion).toBe(8);
      expect(report.producer).toEqual({ name: 'bulwark-tests', version: '1' });
      expect(report.opsets).toEqual([{ domain: 'ai.onnx', version: 17 }]);
    });

    it('describes inputs and outputs with dtypes and symbolic dims by name', () => {
      expect(report.inputs).toEqual([{ name: 'input', dtype: 'float32', shape: ['batch', 4] }]);
      expect(report.outputs).toEqual([{ name: 'output', dtype: 'float32', shape: ['batch', 2] }]);
    });

    it('counts parameters and their bytes: 4×8 + 8 + 8×2 + 2 floats', () => {
      expect(report.parameters).toEqual({ initializers: 58, constants: 0, total: 58 });
      expect(report.bytesByDtype).toEqual({ float32: 232 });
    });

    it('builds the op histogram by domain and flags nothing', () => {
      expect(report.ops).toEqual({ 'ai.onnx::MatMul': 2, 'ai.onnx::Add': 2, 'ai.onnx::Relu': 1 });
      expect(report.nodeCount).toBe(5);
      expect(report.subgraphCount).toBe(0);
      expect(report.flags).toEqual({ weightsInConstants: false, weightsInSubgraphs: false, externalData: [] });
    });
  });

  describe('hand-made graphs', () => {
    it('counts Constant payloads apart from initializers, and a large float Constant as a weight', () => {
      const model = buildMlpModel({ widths: [2, 2] });
      model.graph!.node!.push(
        { opType: 'Constant', output: ['k'], attribute: [{ name: 'value', type: onnx.AttributeProto.AttributeType.TENSOR, t: { dims: [4, 4], dataType: 10, rawData: new Uint8Array(32) } }] },
        { opType: 'Constant', output: ['axes'], attribute: [{ name: 'value_ints', type: onnx.AttributeProto.AttributeType.INTS, ints: [0, 1] }] },
      );
      const report = inspectModel(model);
      expect(report.parameters).toEqual({ initializers: 6, constants: 18, total: 24 });
      expect(report.bytesByDtype).toEqual({ float32: 24, float16: 32, int64: 16 });
      expect(report.flags.weightsInConstants).toBe(true);
      expect(report.flags.weightsInSubgraphs).toBe(false);
    });

    it('leaves small shape Constants unflagged', () => {
      const model = buildMlpModel({ widths: [2, 2] });
      model.graph!.node!.push({ opType: 'Constant', output: ['shape'], attribute: [{ name: 'value', t: { dims: [2], dataType: 7, int64Data: [1, 2] } }] });
      expect(inspectModel(model).flags.weightsInConstants).toBe(false);
    });

    it('lists tensors whose data is external', () => {
      const model = buildMlpModel({ widths: [2, 2] });
      model.graph!.initializer![0] = { name: 'w0', dims: [2, 2], dataType: 1, dataLocation: 1, externalData: [{ key: 'location', value: 'weights.bin' }] };
      expect(inspectModel(model).flags.externalData).toEqual(['w0']);
    });

    it('keeps an int64 dim beyond 2^53 exact as a string, and unknown dims as null', () => {
      const model = buildMlpModel({ widths: [2, 2] });
      const huge = onnx.TensorShapeProto.Dimension.decode(onnx.TensorShapeProto.Dimension.encode({ dimValue: '9007199254740993' }).finish());
      model.graph!.input![0]!.type!.tensorType!.shape!.dim = [huge, {}];
      expect(inspectModel(model).inputs[0]?.shape).toEqual(['9007199254740993', null]);
    });

    it('leaves initializers listed as graph inputs (old exporters) out of the inputs', () => {
      const model = buildMlpModel({ widths: [2, 2] });
      model.graph!.input!.push({ name: 'w0', type: { tensorType: { elemType: 1, shape: { dim: [{ dimValue: 2 }, { dimValue: 2 }] } } } });
      expect(inspectModel(model).inputs.map((input) => input.name)).toEqual(['input']);
    });
  });

  describe('Silero VAD models from @ricky0123/vad-web', () => {
    it('flags v5: its weights sit in Constant nodes inside the If branches', () => {
      const report = inspectModel(silero('silero_vad_v5.onnx'));
      expect(report.parameters.initializers).toBe(0);
      expect(report.parameters.constants).toBeGreaterThan(100_000);
      expect(report.flags).toMatchObject({ weightsInConstants: true, weightsInSubgraphs: true, externalData: [] });
      // The top-level If's two branches hold further Ifs of their own: every body is walked.
      expect(report.subgraphCount).toBeGreaterThan(2);
      expect(report.ops['ai.onnx::If']).toBe(1 + (report.subgraphCount - 2) / 2);
      // The histogram counts the ops of both branches too, not just the five top-level nodes.
      expect(report.nodeCount).toBeGreaterThan(200);
      expect(Object.values(report.ops).reduce((sum, count) => sum + count, 0)).toBe(report.nodeCount);
      expect(report.inputs.map((input) => [input.name, input.dtype, input.shape])).toEqual([
        ['input', 'float32', [null, null]],
        ['state', 'float32', [2, null, 128]],
        ['sr', 'int64', []],
      ]);
    });

    it('flags the legacy model: its initializers live inside subgraphs', () => {
      const report = inspectModel(silero('silero_vad_legacy.onnx'));
      expect(report.parameters.initializers).toBeGreaterThan(100_000);
      expect(report.flags.weightsInSubgraphs).toBe(true);
      expect(report.inputs[0]).toEqual({ name: 'input', dtype: 'float32', shape: ['batch', 'sequence'] });
      expect(report.opsets).toContainEqual({ domain: 'ai.onnx.ml', version: 3 });
    });
  });
});
