import { Injectable, Optional } from '@nestjs/common';

import { GpuException, GpuExceptionCode } from '../gpu.exception.js';
import { ModelArtifactRepository } from '../models/index.js';
import { GpuDeviceMemorySource } from './device-memory.source.js';
import type { EstimateMemoryDto } from './dto/estimate-memory.dto.js';
import { shapeOf } from './estimate-request.js';
import { estimateMemory, type DeviceMemory, type MemoryEstimate } from './memory-estimate.js';
import { PARAMETER_FORMULA, transformerParameters } from './memory-estimator.js';

export interface MemoryEstimateView extends MemoryEstimate {
  /** Where the parameter count came from: the model's report, the request, or the formula over the config. */
  parameterSource: 'model' | 'parameters' | 'config';
  parameterFormula: string | null;
  modelId: string | null;
}

@Injectable()
export class MemoryEstimateService {
  constructor(
    private readonly artifacts: ModelArtifactRepository,
    @Optional() private readonly devices?: GpuDeviceMemorySource,
  ) {}

  async estimate(request: EstimateMemoryDto): Promise<MemoryEstimateView> {
    const shape = shapeOf(request);
    const { parameters, parameterSource } = await this.parametersOf(request);
    const estimate = estimateMemory(
      { parameters, shape, dtype: request.dtype ?? 'fp32', batch: request.batch ?? 1, seqLen: request.seqLen ?? 1, training: request.training === true, optimizer: request.optimizer ?? 'adam' },
      await this.deviceOf(request),
    );
    return { ...estimate, parameterSource, parameterFormula: parameterSource === 'config' ? PARAMETER_FORMULA : null, modelId: request.modelId ?? null };
  }

  private async parametersOf(request: EstimateMemoryDto): Promise<{ parameters: number; parameterSource: MemoryEstimateView['parameterSource'] }> {
    if (request.modelId !== undefined) {
      const artifact = await this.artifacts.getByIdOrThrow(request.modelId);
      return { parameters: artifact.report.parameters.total, parameterSource: 'model' };
    }
    if (request.parameters !== undefined) {
      return { parameters: request.parameters, parameterSource: 'parameters' };
    }
    // crossCheck has made sure a config without `parameters` carries a full shape.
    return { parameters: transformerParameters(shapeOf(request)!), parameterSource: 'config' };
  }

  private async deviceOf(request: EstimateMemoryDto): Promise<DeviceMemory | undefined> {
    if (request.device !== undefined) {
      return { memoryTotalBytes: request.device.memoryTotalBytes, memoryUsedBytes: request.device.memoryUsedBytes };
    }
    if (request.deviceId === undefined) {
      return undefined;
    }
    const device = (await this.devices?.memoryOf(request.deviceId)) ?? null;
    if (device === null) {
      throw new GpuException(GpuExceptionCode.DEVICE_NOT_FOUND, `No device ${request.deviceId.slice(0, 80)} with a memory reading.`);
    }
    return { ...device, id: request.deviceId };
  }
}
