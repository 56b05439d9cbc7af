import { CommonException } from '@app/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';

import { levelGate, OptimizationLevel, PASS_GATES, PassName } from '../passes/index.js';
import { CreateVariantDto } from './dto/create-variant.dto.js';
import { variantName } from './variant-builder.service.js';
import { toVariantRequest } from './variant-request.js';

/** The global pipe's checks (whitelist, no unknown fields, transform) and then the mapping, as the route runs them. */
async function fieldsOf(body: object): Promise<string[]> {
  const dto = plainToInstance(CreateVariantDto, body);
  const errors = await validate(dto, { forbidNonWhitelisted: true, whitelist: true });
  if (errors.length > 0) {
    return errors.map((error) => error.property);
  }
  try {
    toVariantRequest(dto);
  } catch (error) {
    if (error instanceof CommonException) {
      expect(error.code).toBe('COMMON.VALIDATION_FAILED');
      return (error.errors ?? []).map((fieldError) => fieldError.field);
    }
    throw error;
  }
  return [];
}

const request = (body: object): ReturnType<typeof toVariantRequest> => toVariantRequest(plainToInstance(CreateVariantDto, body));

describe(toVariantRequest.name, () => {
  it.each(Object.values(OptimizationLevel))('maps level %s to its steps, its gate and a level label', (level) => {
    const mapped = request({ level });
    expect(mapped).toMatchObject({ label: `level:${level}`, tolerance: levelGate(level) });
    expect(mapped.steps.length).toBeGreaterThan(0);
    expect(mapped).not.toHaveProperty('seed');
  });

  it('maps steps with their options, defaults filled in, and the loosest gate of the steps', () => {
    const mapped = request({ seed: 3, steps: [{ options: { perChannel: true }, pass: 'dynamic-int8' }, { pass: 'fp16' }, { pass: 'int4-blocked' }] });
    expect(mapped).toEqual({
      label: 'dynamic-int8+fp16+int4-blocked',
      seed: 3,
      steps: [
        { options: { perChannel: true }, pass: PassName.DYNAMIC_INT8 },
        { options: {}, pass: PassName.FP16 },
        { options: { blockSize: 32 }, pass: PassName.INT4_BLOCKED },
      ],
      tolerance: PASS_GATES[PassName.INT4_BLOCKED],
    });
    expect(request({ steps: [{ options: {}, pass: 'dynamic-int8' }] }).steps).toEqual([{ options: { perChannel: false }, pass: PassName.DYNAMIC_INT8 }]);
    expect(request({ steps: [{ options: { sparsity: 0.5 }, pass: 'prune-structured' }] }).steps).toEqual([{ options: { sparsity: 0.5 }, pass: PassName.PRUNE_STRUCTURED }]);
  });

  it('keeps a given tolerance over the default', () => {
    expect(request({ level: 'advanced', tolerance: 1e-9 }).tolerance).toBe(1e-9);
    expect(request({ steps: [{ pass: 'weight-only-int8' }], tolerance: 1 }).tolerance).toBe(1);
  });

  it('keeps the label within the pass column however many steps there are', () => {
    const steps = Array.from({ length: 6 }, () => ({ options: { sparsity: 0.1 }, pass: 'prune-unstructured' }));
    const { label } = request({ steps });
    expect(label.length).toBe(64);
    expect(label.startsWith('prune-unstructured+prune-unstructured+')).toBe(true);
  });

  it.each([
    ['neither level nor steps', {}, ['level']],
    ['both level and steps', { level: 'basic', steps: [{ pass: 'fp16' }] }, ['level']],
    ['an unknown level', { level: 'extreme' }, ['level']],
    ['an unknown pass', { steps: [{ pass: 'int2-magic' }] }, ['steps']],
    ['no steps', { steps: [] }, ['steps']],
    ['seven steps', { steps: Array.from({ length: 7 }, () => ({ pass: 'fp16' })) }, ['steps']],
    ['options that are not an object', { steps: [{ options: 'fast', pass: 'fp16' }] }, ['steps']],
    ['a zero tolerance', { level: 'basic', tolerance: 0 }, ['tolerance']],
    ['a tolerance over 1', { level: 'basic', tolerance: 1.5 }, ['tolerance']],
    ['a fractional seed', { level: 'basic', seed: 1.5 }, ['seed']],
    ['an unknown field', { level: 'basic', fast: true }, ['fast']],
    ['perChannel that is not a boolean', { steps: [{ options: { perChannel: 'yes' }, pass: 'dynamic-int8' }] }, ['steps.0.options.perChannel']],
    ['a block size INT4 does not take', { steps: [{ options: { blockSize: 48 }, pass: 'int4-blocked' }] }, ['steps.0.options.blockSize']],
    ['pruning without a sparsity', { steps: [{ pass: 'prune-unstructured' }] }, ['steps.0.options.sparsity']],
    ['a sparsity of 0.95', { steps: [{ options: { sparsity: 0.95 }, pass: 'prune-structured' }] }, ['steps.0.options.sparsity']],
    ['a sparsity of 0', { steps: [{ options: { sparsity: 0 }, pass: 'prune-unstructured' }] }, ['steps.0.options.sparsity']],
    ['options a pass does not have', { steps: [{ pass: 'fp16' }, { options: { bits: 4 }, pass: 'weight-only-int8' }] }, ['steps.1.options.bits']],
    ['an option meant for another pass', { steps: [{ options: { perChannel: true, sparsity: 0.2 }, pass: 'prune-unstructured' }] }, ['steps.0.options.perChannel']],
  ])('refuses %s naming the field', async (_label, body, fields) => {
    expect(await fieldsOf(body)).toEqual(fields);
  });

  it('lists the problems of every step at once', async () => {
    const body = { steps: [{ options: { blockSize: 7 }, pass: 'int4-blocked' }, { pass: 'fp16' }, { options: { sparsity: 2 }, pass: 'prune-unstructured' }] };
    expect(await fieldsOf(body)).toEqual(['steps.0.options.blockSize', 'steps.2.options.sparsity']);
  });
});

describe(variantName.name, () => {
  it('appends the label to the parent name', () => {
    expect(variantName('mlp.onnx', 'level:basic')).toBe('mlp.onnx.level:basic');
  });

  it('shortens a long parent name so the whole fits 128 characters and the label stays whole', () => {
    const name = variantName('m'.repeat(128), 'dynamic-int8+fp16');
    expect(name).toHaveLength(128);
    expect(name.endsWith('.dynamic-int8+fp16')).toBe(true);
  });
});
