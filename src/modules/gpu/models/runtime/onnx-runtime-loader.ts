import { Injectable } from '@nestjs/common';
import { InferenceSession } from 'onnxruntime-node';

import { GpuException, GpuExceptionCode } from '../../gpu.exception.js';

/**
 * onnxruntime-node (CPU) as the final judge of a model: whatever it cannot load (unknown ops, type errors, shape
 * inference failures) is refused with its own message. An adapter, so the side effect stays replaceable.
 */
@Injectable()
export class OnnxRuntimeLoader {
  async assertLoadable(bytes: Uint8Array): Promise<void> {
    let session: InferenceSession;
    try {
      session = await InferenceSession.create(bytes, { graphOptimizationLevel: 'disabled', intraOpNumThreads: 1, interOpNumThreads: 1 });
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 1_000);
      throw new GpuException(GpuExceptionCode.INVALID_MODEL, `onnxruntime cannot load the model: ${message}`);
    }
    await session.release();
  }
}
