import { CommonException, CommonExceptionCode, type FieldError } from '@app/common';

import { DEFAULT_INT4_BLOCK_SIZE, levelGate, OPTIMIZATION_LEVELS, PASS_GATES, PassName, type PassStep } from '../passes/index.js';
import type { CreateVariantDto, PassStepDto } from './dto/create-variant.dto.js';

/** A checked `POST /v1/models/:id/variants` body: what to run, how close it must stay, what to call the result. */
export interface VariantRequest {
  steps: PassStep[];
  tolerance: number;
  seed?: number;
  /** The artifact's `pass`: `level:<level>` or the pass names joined by `+`. */
  label: string;
}

const BLOCK_SIZES: readonly number[] = [16, 32, 64, 128];
const MAX_SPARSITY = 0.95;
const LABEL_MAX = 64;

type StepResult = { step: PassStep; errors: [] } | { step: null; errors: FieldError[] };

function unknownOptions(options: Record<string, unknown>, allowed: readonly string[], field: string): FieldError[] {
  return Object.keys(options)
    .filter((key) => !allowed.includes(key))
    .map((key) => ({ field: `${field}.${key}`, message: `${key} is not an option of this pass${allowed.length > 0 ? ` (${allowed.join(', ')})` : ''}` }));
}

function checkStep(dto: PassStepDto, field: string): StepResult {
  const options = dto.options ?? {};
  const at = `${field}.options`;
  const fail = (errors: FieldError[]): StepResult => ({ errors, step: null });
  switch (dto.pass) {
    case PassName.DYNAMIC_INT8: {
      const errors = unknownOptions(options, ['perChannel'], at);
      const perChannel = options.perChannel ?? false;
      if (typeof perChannel !== 'boolean') {
        errors.push({ field: `${at}.perChannel`, message: 'perChannel must be a boolean' });
      }
      return errors.length > 0 || typeof perChannel !== 'boolean' ? fail(errors) : { errors: [], step: { options: { perChannel }, pass: dto.pass } };
    }
    case PassName.INT4_BLOCKED: {
      const errors = unknownOptions(options, ['blockSize'], at);
      const blockSize = options.blockSize ?? DEFAULT_INT4_BLOCK_SIZE;
      if (typeof blockSize !== 'number' || !BLOCK_SIZES.includes(blockSize)) {
        errors.push({ field: `${at}.blockSize`, message: `blockSize must be one of ${BLOCK_SIZES.join(', ')}` });
      }
      return errors.length > 0 || typeof blockSize !== 'number' ? fail(errors) : { errors: [], step: { options: { blockSize }, pass: dto.pass } };
    }
    case PassName.PRUNE_UNSTRUCTURED:
    case PassName.PRUNE_STRUCTURED: {
      const errors = unknownOptions(options, ['sparsity'], at);
      const { sparsity } = options;
      if (typeof sparsity !== 'number' || !(sparsity > 0 && sparsity < MAX_SPARSITY)) {
        errors.push({ field: `${at}.sparsity`, message: `sparsity is required, a number with 0 < sparsity < ${MAX_SPARSITY}` });
      }
      return errors.length > 0 || typeof sparsity !== 'number' ? fail(errors) : { errors: [], step: { options: { sparsity }, pass: dto.pass } };
    }
    case PassName.WEIGHT_ONLY_INT8:
    case PassName.FP16: {
      const errors = unknownOptions(options, [], at);
      return errors.length > 0 ? fail(errors) : { errors: [], step: { options: {}, pass: dto.pass } };
    }
  }
}

function stepsLabel(steps: readonly PassStep[]): string {
  const label = steps.map((step) => step.pass).join('+');
  return label.length <= LABEL_MAX ? label : `${label.slice(0, LABEL_MAX - 1)}…`;
}

/**
 * The body after its fields were checked by the DTO: exactly one of level and steps, each step's options checked
 * for its pass, defaults filled in. Every problem is listed at once as 400 `COMMON.VALIDATION_FAILED`.
 */
export function toVariantRequest(dto: CreateVariantDto): VariantRequest {
  const seed = dto.seed === undefined ? {} : { seed: dto.seed };
  if (dto.level !== undefined && dto.steps === undefined) {
    return { label: `level:${dto.level}`, steps: [...OPTIMIZATION_LEVELS[dto.level]], tolerance: dto.tolerance ?? levelGate(dto.level), ...seed };
  }
  if (dto.level !== undefined || dto.steps === undefined) {
    const message = dto.level === undefined ? 'give a level (basic, advanced, ultra) or steps' : 'give either level or steps, not both';
    throw invalid([{ field: 'level', message }]);
  }
  const checked = dto.steps.map((step, index) => checkStep(step, `steps.${index}`));
  const errors = checked.flatMap((result) => result.errors);
  if (errors.length > 0) {
    throw invalid(errors);
  }
  const steps = checked.flatMap((result) => (result.step === null ? [] : [result.step]));
  return { label: stepsLabel(steps), steps, tolerance: dto.tolerance ?? Math.max(...steps.map((step) => PASS_GATES[step.pass])), ...seed };
}

function invalid(errors: FieldError[]): CommonException {
  return new CommonException(CommonExceptionCode.VALIDATION_FAILED, `Invalid request: ${[...new Set(errors.map((error) => error.field))].join(', ')}.`, { errors });
}
