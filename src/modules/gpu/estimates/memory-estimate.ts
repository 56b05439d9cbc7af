import {
  inferenceBytes,
  INFERENCE_OVERHEAD,
  kvCacheBytes,
  trainingBytes,
  weightBytes,
  weightBytesByDtype,
  type EstimateDtype,
  type Optimizer,
  type TrainingBreakdown,
  type TransformerShape,
} from './memory-estimator.js';

export interface EstimateInput {
  parameters: number;
  /** Known for a transformer config: enables the KV cache. */
  shape?: TransformerShape;
  dtype: EstimateDtype;
  batch: number;
  seqLen: number;
  training: boolean;
  optimizer: Optimizer;
}

export interface DeviceMemory {
  /** The telemetry device id, when the device came from there. */
  id?: string;
  memoryTotalBytes: number;
  memoryUsedBytes: number;
}

export interface MemoryEstimate {
  parameters: number;
  dtype: EstimateDtype;
  batch: number;
  seqLen: number;
  weights: { bytes: number; byDtype: Record<EstimateDtype, number> };
  inference: { bytes: number; overhead: number; rule: string };
  /** null without a transformer shape: the cache size depends on layers and heads. */
  kvCache: { bytes: number; formula: string } | null;
  training: TrainingBreakdown | null;
  /** What the chosen workload needs: training states, or inference plus KV cache. */
  totalBytes: number;
  fits: { device: DeviceMemory & { freeBytes: number }; fits: boolean; headroomBytes: number } | null;
}

const INFERENCE_RULE = 'weights × 1.2 (Hugging Face Accelerate rule of thumb); KV cache added on top in totalBytes';
const KV_FORMULA = '2 × layers × kvHeads × headDim × seqLen × batch × bytes';

/** Fits the free memory (total − used) of the device, with what would be left (negative: short by that much). */
export function fitOn(device: DeviceMemory, totalBytes: number): NonNullable<MemoryEstimate['fits']> {
  const freeBytes = Math.max(0, device.memoryTotalBytes - device.memoryUsedBytes);
  return { device: { ...device, freeBytes }, fits: totalBytes <= freeBytes, headroomBytes: freeBytes - totalBytes };
}

/** Every figure of one estimate; training needs a float dtype (the caller has checked). */
export function estimateMemory(input: EstimateInput, device?: DeviceMemory): MemoryEstimate {
  const { parameters, shape, dtype, batch, seqLen } = input;
  const kvCache = shape === undefined ? null : { bytes: kvCacheBytes(shape, seqLen, batch, dtype), formula: KV_FORMULA };
  const training = input.training && dtype !== 'int8' && dtype !== 'int4' ? trainingBytes(parameters, dtype, input.optimizer) : null;
  const inference = inferenceBytes(parameters, dtype);
  const totalBytes = training !== null ? training.total : inference + (kvCache?.bytes ?? 0);
  return {
    parameters,
    dtype,
    batch,
    seqLen,
    weights: { bytes: weightBytes(parameters, dtype), byDtype: weightBytesByDtype(parameters) },
    inference: { bytes: inference, overhead: INFERENCE_OVERHEAD, rule: INFERENCE_RULE },
    kvCache,
    training,
    totalBytes,
    fits: device === undefined ? null : fitOn(device, totalBytes),
  };
}
