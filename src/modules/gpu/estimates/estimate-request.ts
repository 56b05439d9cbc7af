import type { FieldError } from '@app/common';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';

import { GpuException, GpuExceptionCode } from '../gpu.exception.js';
import { EstimateMemoryDto } from './dto/estimate-memory.dto.js';
import type { TransformerShape } from './memory-estimator.js';

const SHAPE_FIELDS = ['layers', 'hiddenSize', 'heads', 'vocabSize'] as const;
const SHAPE_OPTIONAL = ['kvHeads', 'headDim', 'intermediateSize', 'tiedEmbeddings'] as const;

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    return [...Object.values(error.constraints ?? {}).map((message) => ({ field, message })), ...flatten(error.children ?? [], field)];
  });
}

/** The transformer shape of a request, when it names one (all four required fields present). */
export function shapeOf(dto: EstimateMemoryDto): TransformerShape | undefined {
  const { layers, hiddenSize, heads, vocabSize } = dto;
  if (layers === undefined || hiddenSize === undefined || heads === undefined || vocabSize === undefined) {
    return undefined;
  }
  return { layers, hiddenSize, heads, vocabSize, kvHeads: dto.kvHeads, headDim: dto.headDim, intermediateSize: dto.intermediateSize, tiedEmbeddings: dto.tiedEmbeddings };
}

function shapeErrors(dto: EstimateMemoryDto): FieldError[] {
  const given = SHAPE_FIELDS.filter((field) => dto[field] !== undefined);
  const optional = SHAPE_OPTIONAL.filter((field) => dto[field] !== undefined);
  if (given.length === 0) {
    return optional.map((field) => ({ field, message: `${field} describes a layer config: give layers, hiddenSize, heads and vocabSize too` }));
  }
  const errors: FieldError[] = SHAPE_FIELDS.filter((field) => dto[field] === undefined).map((field) => ({ field, message: `${field} is required with a layer config` }));
  const heads = dto.heads ?? 1;
  if (dto.kvHeads !== undefined && (dto.kvHeads > heads || heads % dto.kvHeads !== 0)) {
    errors.push({ field: 'kvHeads', message: 'kvHeads must divide heads (grouped-query attention)' });
  }
  if (dto.headDim === undefined && dto.hiddenSize !== undefined && dto.hiddenSize % heads !== 0) {
    errors.push({ field: 'headDim', message: 'hiddenSize is not a multiple of heads: give headDim' });
  }
  if (dto.seqLen === undefined) {
    errors.push({ field: 'seqLen', message: 'seqLen is required with a layer config (it sizes the KV cache)' });
  }
  return errors;
}

/** What the field rules cannot say: which fields go together. */
export function crossCheck(dto: EstimateMemoryDto): FieldError[] {
  const errors: FieldError[] = [];
  const hasConfig = dto.parameters !== undefined || SHAPE_FIELDS.some((field) => dto[field] !== undefined);
  if (dto.modelId !== undefined && hasConfig) {
    errors.push({ field: 'modelId', message: 'give either modelId or a transformer config, not both' });
  } else if (dto.modelId === undefined && !hasConfig) {
    errors.push({ field: 'modelId', message: 'give modelId, or a transformer config (parameters, or layers, hiddenSize, heads, vocabSize)' });
  }
  if (dto.modelId === undefined) {
    errors.push(...shapeErrors(dto));
    if (hasConfig && dto.dtype === undefined) {
      errors.push({ field: 'dtype', message: 'dtype is required with a transformer config' });
    }
  }
  if (dto.training === true && (dto.dtype === 'int8' || dto.dtype === 'int4')) {
    errors.push({ field: 'dtype', message: 'training needs fp32, fp16 or bf16 (int8/int4 are inference formats)' });
  }
  if (dto.optimizer !== undefined && dto.training !== true) {
    errors.push({ field: 'optimizer', message: 'optimizer applies to training: set training to true' });
  }
  if (dto.deviceId !== undefined && dto.device !== undefined) {
    errors.push({ field: 'device', message: 'give either deviceId or device, not both' });
  }
  if (dto.device !== undefined && dto.device.memoryUsedBytes > dto.device.memoryTotalBytes) {
    errors.push({ field: 'device.memoryUsedBytes', message: 'memoryUsedBytes cannot exceed memoryTotalBytes' });
  }
  return errors;
}

/**
 * The body checked field by field (whitelist, no unknown fields) and as a whole; every problem is listed at once as
 * `GPU.INVALID_ESTIMATE` with `errors[]`.
 */
export async function parseEstimateRequest(body: unknown): Promise<EstimateMemoryDto> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new GpuException(GpuExceptionCode.INVALID_ESTIMATE, 'The body is a JSON object.', { errors: [{ field: 'body', message: 'must be a JSON object' }] });
  }
  const dto = plainToInstance(EstimateMemoryDto, body);
  const fieldErrors = flatten(await validate(dto, { whitelist: true, forbidNonWhitelisted: true }));
  const errors = fieldErrors.length > 0 ? fieldErrors : crossCheck(dto);
  if (errors.length > 0) {
    throw new GpuException(GpuExceptionCode.INVALID_ESTIMATE, `Invalid estimate request: ${[...new Set(errors.map((error) => error.field))].join(', ')}.`, { errors });
  }
  return dto;
}
