import { estimateMemory, fitOn } from './memory-estimate.js';
import { inferenceBytes, kvCacheBytes, trainingBytes, transformerParameters, weightBytesByDtype, type TransformerShape } from './memory-estimator.js';

const LLAMA_2_7B: TransformerShape = { layers: 32, hiddenSize: 4096, heads: 32, kvHeads: 32, headDim: 128, vocabSize: 32_000, intermediateSize: 11_008 };
const LLAMA_2_70B: TransformerShape = { layers: 80, hiddenSize: 8192, heads: 64, kvHeads: 8, headDim: 128, vocabSize: 32_000, intermediateSize: 28_672 };

describe('memory estimator', () => {
  describe(transformerParameters.name, () => {
    it('gives Llama-2-7B its published 6.74e9 parameters (exactly 6,738,415,616)', () => {
      expect(transformerParameters(LLAMA_2_7B)).toBe(6_738_415_616);
    });

    it('gives Llama-2-70B with 8 KV heads (GQA) 68.98e9', () => {
      expect(transformerParameters(LLAMA_2_70B)).toBe(68_976_648_192);
    });

    it('counts a tied embedding once and derives headDim and kvHeads', () => {
      const shape: TransformerShape = { layers: 1, hiddenSize: 8, heads: 2, vocabSize: 10, intermediateSize: 16 };
      // attention 4×8×8 = 256, MLP 3×8×16 = 384, norms 16; embeddings 80 (+80 untied); final norm 8.
      expect(transformerParameters(shape)).toBe(256 + 384 + 16 + 160 + 8);
      expect(transformerParameters({ ...shape, tiedEmbeddings: true })).toBe(256 + 384 + 16 + 80 + 8);
    });
  });

  describe(kvCacheBytes.name, () => {
    it('is 1 GiB for Llama-2-7B at 2,048 tokens, batch 1, fp16', () => {
      expect(kvCacheBytes(LLAMA_2_7B, 2048, 1, 'fp16')).toBe(1_073_741_824);
    });

    it('is 8× smaller per layer with GQA: Llama-2-70B at 2,048 tokens, fp16 = 640 MiB', () => {
      expect(kvCacheBytes(LLAMA_2_70B, 2048, 1, 'fp16')).toBe(671_088_640);
    });

    it('scales with batch and sequence length', () => {
      expect(kvCacheBytes(LLAMA_2_7B, 4096, 8, 'fp16')).toBe(16 * 1_073_741_824);
    });
  });

  describe('weights, inference and training', () => {
    it('prices weights at each precision: 1e9 params', () => {
      expect(weightBytesByDtype(1e9)).toEqual({ fp32: 4e9, fp16: 2e9, bf16: 2e9, int8: 1e9, int4: 5e8 });
      expect(inferenceBytes(1e9, 'fp16')).toBe(2.4e9);
    });

    it('takes 16 B/param for fp32 Adam: weights 4 + grads 4 + m,v 8', () => {
      expect(trainingBytes(1e9, 'fp32', 'adam')).toEqual({
        precision: 'fp32',
        optimizer: 'adam',
        bytesPerParameter: 16,
        weights: 4e9,
        gradients: 4e9,
        masterWeights: 0,
        optimizerStates: 8e9,
        total: 16e9,
      });
    });

    it('takes 16 B/param for mixed precision Adam too (2 + 2 + fp32 master 4 + 8), 12 with SGD', () => {
      expect(trainingBytes(1e9, 'bf16', 'adam')).toMatchObject({ precision: 'mixed', bytesPerParameter: 16, masterWeights: 4e9, weights: 2e9 });
      expect(trainingBytes(1e9, 'fp16', 'sgd').bytesPerParameter).toBe(12);
      expect(trainingBytes(1e9, 'fp32', 'sgd').bytesPerParameter).toBe(12);
    });
  });

  describe(estimateMemory.name, () => {
    const parameters = transformerParameters(LLAMA_2_7B);

    it('adds the KV cache to inference for a transformer, and says whether it fits a device', () => {
      const estimate = estimateMemory({ parameters, shape: LLAMA_2_7B, dtype: 'fp16', batch: 1, seqLen: 2048, training: false, optimizer: 'adam' }, { memoryTotalBytes: 24e9, memoryUsedBytes: 2e9 });
      expect(estimate.weights.bytes).toBe(13_476_831_232);
      expect(estimate.kvCache?.bytes).toBe(1_073_741_824);
      expect(estimate.totalBytes).toBe(Math.ceil(13_476_831_232 * 1.2) + 1_073_741_824);
      expect(estimate.training).toBeNull();
      expect(estimate.fits).toMatchObject({ fits: true, device: { freeBytes: 22e9 } });
    });

    it('uses the training states as the total when training', () => {
      const estimate = estimateMemory({ parameters, shape: LLAMA_2_7B, dtype: 'fp32', batch: 1, seqLen: 2048, training: true, optimizer: 'adam' }, { memoryTotalBytes: 80e9, memoryUsedBytes: 0 });
      expect(estimate.totalBytes).toBe(parameters * 16);
      expect(estimate.fits?.fits).toBe(false);
      expect(estimate.fits?.headroomBytes).toBe(80e9 - parameters * 16);
    });

    it('has no KV cache without a shape', () => {
      expect(estimateMemory({ parameters: 1000, dtype: 'int8', batch: 1, seqLen: 1, training: false, optimizer: 'adam' }).kvCache).toBeNull();
    });
  });

  describe(fitOn.name, () => {
    it('never counts negative free memory when a reading says used > total', () => {
      expect(fitOn({ memoryTotalBytes: 10, memoryUsedBytes: 12 }, 1)).toMatchObject({ fits: false, device: { freeBytes: 0 } });
    });
  });
});
