import { AppException, type AppExceptionOptions } from '@app/common';
import { HttpStatus } from '@nestjs/common';

export enum GpuExceptionCode {
  DEVICE_NOT_FOUND = 'GPU.DEVICE_NOT_FOUND',
  INVALID_SAMPLES = 'GPU.INVALID_SAMPLES',
  TOO_MANY_SAMPLES = 'GPU.TOO_MANY_SAMPLES',
  INVALID_RANGE = 'GPU.INVALID_RANGE',
  RECOMMENDATION_NOT_FOUND = 'GPU.RECOMMENDATION_NOT_FOUND',
  RECOMMENDATION_NOT_OPEN = 'GPU.RECOMMENDATION_NOT_OPEN',
  MODEL_NOT_FOUND = 'GPU.MODEL_NOT_FOUND',
  MODEL_TOO_LARGE = 'GPU.MODEL_TOO_LARGE',
  INVALID_MODEL = 'GPU.INVALID_MODEL',
  MODEL_HAS_VARIANTS = 'GPU.MODEL_HAS_VARIANTS',
  INVALID_ESTIMATE = 'GPU.INVALID_ESTIMATE',
  NOTHING_TO_OPTIMIZE = 'GPU.NOTHING_TO_OPTIMIZE',
  MODEL_REFUSED = 'GPU.MODEL_REFUSED',
  ACCURACY_GATE_FAILED = 'GPU.ACCURACY_GATE_FAILED',
  TELEMETRY_UNAVAILABLE = 'GPU.TELEMETRY_UNAVAILABLE',
  TUNING_RUN_NOT_FOUND = 'GPU.TUNING_RUN_NOT_FOUND',
  INVALID_TUNING_REQUEST = 'GPU.INVALID_TUNING_REQUEST',
}

const GPU_STATUS: Record<GpuExceptionCode, HttpStatus> = {
  [GpuExceptionCode.DEVICE_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [GpuExceptionCode.INVALID_SAMPLES]: HttpStatus.BAD_REQUEST,
  [GpuExceptionCode.TOO_MANY_SAMPLES]: HttpStatus.PAYLOAD_TOO_LARGE,
  [GpuExceptionCode.INVALID_RANGE]: HttpStatus.BAD_REQUEST,
  [GpuExceptionCode.RECOMMENDATION_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [GpuExceptionCode.RECOMMENDATION_NOT_OPEN]: HttpStatus.CONFLICT,
  [GpuExceptionCode.MODEL_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [GpuExceptionCode.MODEL_TOO_LARGE]: HttpStatus.PAYLOAD_TOO_LARGE,
  [GpuExceptionCode.INVALID_MODEL]: HttpStatus.UNPROCESSABLE_ENTITY,
  [GpuExceptionCode.MODEL_HAS_VARIANTS]: HttpStatus.CONFLICT,
  [GpuExceptionCode.INVALID_ESTIMATE]: HttpStatus.BAD_REQUEST,
  [GpuExceptionCode.NOTHING_TO_OPTIMIZE]: HttpStatus.UNPROCESSABLE_ENTITY,
  [GpuExceptionCode.MODEL_REFUSED]: HttpStatus.UNPROCESSABLE_ENTITY,
  [GpuExceptionCode.ACCURACY_GATE_FAILED]: HttpStatus.UNPROCESSABLE_ENTITY,
  [GpuExceptionCode.TELEMETRY_UNAVAILABLE]: HttpStatus.SERVICE_UNAVAILABLE,
  [GpuExceptionCode.TUNING_RUN_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [GpuExceptionCode.INVALID_TUNING_REQUEST]: HttpStatus.BAD_REQUEST,
};

/** Every error of the GPU module; the table above is the one place their statuses are decided. */
export class GpuException extends AppException {
  constructor(code: GpuExceptionCode, detail: string, options?: AppExceptionOptions) {
    super(code, GPU_STATUS[code], detail, options);
  }
}
