import { GpuException } from '../gpu.exception.js';
import { parseEstimateRequest } from './estimate-request.js';

async function fieldsOf(body: unknown): Promise<string[]> {
  try {
    await parseEstimateRequest(body);
  } catch (error) {
    if (error instanceof GpuException) {
      expect(error.code).toBe('GPU.INVALID_ESTIMATE');
      return (error.errors ?? []).map((fieldError) => fieldError.field);
    }
    throw error;
  }
  return [];
}

describe(parseEstimateRequest.name, () => {
  it('accepts a full layer config and a bare parameter count', async () => {
    await expect(parseEstimateRequest({ layers: 2, hiddenSize: 8, heads: 2, vocabSize: 10, dtype: 'bf16', seqLen: 16 })).resolves.toMatchObject({ layers: 2, dtype: 'bf16' });
    await expect(parseEstimateRequest({ parameters: 7e9, dtype: 'int4' })).resolves.toMatchObject({ parameters: 7e9 });
  });

  it('refuses field errors and unknown fields first', async () => {
    expect(await fieldsOf({ parameters: -1, dtype: 'fp8', extra: true })).toEqual(expect.arrayContaining(['parameters', 'dtype', 'extra']));
    expect(await fieldsOf({ parameters: 10, dtype: 'fp16', device: { memoryTotalBytes: 'lots' } })).toEqual(expect.arrayContaining(['device.memoryTotalBytes', 'device.memoryUsedBytes']));
    expect(await fieldsOf([1, 2])).toEqual(['body']);
  });

  it.each([
    ['nothing to estimate', {}, ['modelId']],
    ['a model and a config', { modelId: '00000000-0000-4000-8000-000000000000', parameters: 5 }, ['modelId']],
    ['half a layer config', { layers: 2, hiddenSize: 8, dtype: 'fp16', seqLen: 4 }, ['heads', 'vocabSize']],
    ['a layer config without seqLen', { layers: 2, hiddenSize: 8, heads: 2, vocabSize: 10, dtype: 'fp16' }, ['seqLen']],
    ['kvHeads that do not divide heads', { layers: 2, hiddenSize: 12, heads: 6, kvHeads: 4, vocabSize: 10, dtype: 'fp16', seqLen: 4 }, ['kvHeads']],
    ['hiddenSize not a multiple of heads without headDim', { layers: 2, hiddenSize: 10, heads: 3, vocabSize: 10, dtype: 'fp16', seqLen: 4 }, ['headDim']],
    ['a config without dtype', { parameters: 10 }, ['dtype']],
    ['training in int8', { parameters: 10, dtype: 'int8', training: true }, ['dtype']],
    ['an optimizer without training', { parameters: 10, dtype: 'fp16', optimizer: 'sgd' }, ['optimizer']],
    ['both device forms', { parameters: 10, dtype: 'fp16', deviceId: 'GPU-1', device: { memoryTotalBytes: 10, memoryUsedBytes: 1 } }, ['device']],
    ['more used than total memory', { parameters: 10, dtype: 'fp16', device: { memoryTotalBytes: 10, memoryUsedBytes: 11 } }, ['device.memoryUsedBytes']],
    ['shape extras without a shape', { parameters: 10, dtype: 'fp16', kvHeads: 2 }, ['kvHeads']],
  ])('refuses %s', async (_label, body, fields) => {
    expect(await fieldsOf(body)).toEqual(fields);
  });
});
