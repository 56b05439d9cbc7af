import { Module } from '@nestjs/common';

import { OrtRunner } from '../onnx/ort-runner.adapter.js';
import { PassValidator } from './pass-validator.js';

/**
 * Graph passes and their validation on onnxruntime-node. The passes themselves are plain functions; the module
 * provides the runtime adapter and the validator for the optimisation jobs that use them.
 */
@Module({
  exports: [OrtRunner, PassValidator],
  providers: [OrtRunner, PassValidator],
})
export class GpuPassesModule {}
