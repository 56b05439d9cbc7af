import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import { buildMlpModel } from './mlp-model.builder.js';
import { encodeModel } from './onnx-proto.js';
import { findUnknownFields } from './onnx-unknown-fields.util.js';

describe('findUnknownFields', () => {
  describe('findUnknownFields', () => {
    it('finds nothing in models written with known fields only', () => {
      const silero = readFileSync(createRequire(import.meta.url).resolve('@ricky0123/vad-web/dist/silero_vad_v5.onnx'));
      expect(findUnknownFields(encodeModel(buildMlpModel({ sizes: [8, 4] })))).toEqual([]);
      expect(findUnknownFields(silero)).toEqual([]);
    });

    it('names a top-level field newer than the schema', () => {
      const bytes = Buffer.concat([encodeModel(buildMlpModel({ sizes: [8, 4] })), Buffer.from([0xd2, 0x01, 0x00])]);
      expect(findUnknownFields(bytes)).toEqual(['ModelProto.field#26']);
    });

    it('reports malformed bytes instead of throwing', () => {
      expect(findUnknownFields(Buffer.from([0x3a, 0x7f, 0x01]))).toEqual(['malformed protobuf: field runs past the end of ModelProto']);
    });
  });
});
