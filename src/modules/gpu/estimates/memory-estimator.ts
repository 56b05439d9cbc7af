/** Storage precisions the estimator knows, with bytes per parameter (int4 packs two per byte). */
export const DTYPE_BYTES = { fp32: 4, fp16: 2, bf16: 2, int8: 1, int4: 0.5 } as const;
export type EstimateDtype = keyof typeof DTYPE_BYTES;
export const ESTIMATE_DTYPES = Object.keys(DTYPE_BYTES) as EstimateDtype[];
export type Optimizer = 'adam' | 'sgd';

/** A decoder-only transformer's shape (Llama/GPT-style names); optional fields take the usual defaults. */
export interface TransformerShape {
  layers: number;
  hiddenSize: number;
  heads: number;
  /** Key/value heads; fewer than `heads` is grouped-query attention (Llama-2-70B: 8 of 64). Default: heads. */
  kvHeads?: number;
  /** Default: hiddenSize / heads. */
  headDim?: number;
  vocabSize: number;
  /** Width of the gated (SwiGLU) MLP; default 4 × hiddenSize. */
  intermediateSize?: number;
  /** Input embedding and output head share one matrix (GPT-2); Llama keeps two. Default false. */
  tiedEmbeddings?: boolean;
}

/** The formula {@link transformerParameters} applies, for the response to show. */
export const PARAMETER_FORMULA =
  'layers × (hidden × heads·headDim [q] + 2 × hidden × kvHeads·headDim [k,v] + heads·headDim × hidden [o] + 3 × hidden × intermediate [gated MLP] + 2 × hidden [norms]) + vocab × hidden × (tied ? 1 : 2) [embeddings, head] + hidden [final norm]';

export function headDimOf(shape: TransformerShape): number {
  return shape.headDim ?? shape.hiddenSize / shape.heads;
}

/**
 * Parameters of a Llama-style decoder, biases left out (Llama has none): Llama-2-7B (32 layers, hidden 4096, 32
 * heads, intermediate 11008, vocab 32000) gives 6,738,415,616.
 */
export function transformerParameters(shape: TransformerShape): number {
  const { layers, hiddenSize: hidden, heads, vocabSize } = shape;
  const headDim = headDimOf(shape);
  const kvHeads = shape.kvHeads ?? heads;
  const intermediate = shape.intermediateSize ?? 4 * hidden;
  const attention = hidden * heads * headDim + 2 * hidden * kvHeads * headDim + heads * headDim * hidden;
  const mlp = 3 * hidden * intermediate;
  const perLayer = attention + mlp + 2 * hidden;
  return layers * perLayer + vocabSize * hidden * (shape.tiedEmbeddings === true ? 1 : 2) + hidden;
}

export function weightBytes(parameters: number, dtype: EstimateDtype): number {
  return Math.ceil(parameters * DTYPE_BYTES[dtype]);
}

/** Weights at every known precision, for comparing what quantising would save. */
export function weightBytesByDtype(parameters: number): Record<EstimateDtype, number> {
  return Object.fromEntries(ESTIMATE_DTYPES.map((dtype) => [dtype, weightBytes(parameters, dtype)])) as Record<EstimateDtype, number>;
}

/**
 * Hugging Face Accelerate's rule of thumb for loading a model to run it: about 20% over the weights (CUDA context,
 * allocator fragmentation, small activations). The KV cache of long contexts comes on top.
 */
export const INFERENCE_OVERHEAD = 1.2;

export function inferenceBytes(parameters: number, dtype: EstimateDtype): number {
  return Math.ceil(weightBytes(parameters, dtype) * INFERENCE_OVERHEAD);
}

/** K and V per layer, per KV head, per token: 2 × layers × kvHeads × headDim × seqLen × batch × bytes. */
export function kvCacheBytes(shape: TransformerShape, seqLen: number, batch: number, dtype: EstimateDtype): number {
  return Math.ceil(2 * shape.layers * (shape.kvHeads ?? shape.heads) * headDimOf(shape) * seqLen * batch * DTYPE_BYTES[dtype]);
}

export interface TrainingBreakdown {
  precision: 'fp32' | 'mixed';
  optimizer: Optimizer;
  bytesPerParameter: number;
  weights: number;
  gradients: number;
  /** The fp32 copy of the weights that mixed precision updates (0 in plain fp32). */
  masterWeights: number;
  /** Adam: m and v in fp32 (8 B/param); SGD with momentum: one fp32 buffer (4 B/param). */
  optimizerStates: number;
  total: number;
}

/**
 * Peak memory of the model states in training (ZeRO paper accounting), activations excluded since they depend on
 * the code (checkpointing, sequence length): fp32 Adam = 4 weights + 4 grads + 8 (m, v) = 16 B/param; mixed
 * precision (fp16/bf16) Adam = 2 + 2 + 4 master + 8 = 16 B/param; SGD with momentum: 12 either way.
 */
export function trainingBytes(parameters: number, dtype: 'fp32' | 'fp16' | 'bf16', optimizer: Optimizer): TrainingBreakdown {
  const mixed = dtype !== 'fp32';
  const weightWidth = DTYPE_BYTES[dtype];
  const perParameter = { weights: weightWidth, gradients: weightWidth, masterWeights: mixed ? 4 : 0, optimizerStates: optimizer === 'adam' ? 8 : 4 };
  const bytesPerParameter = perParameter.weights + perParameter.gradients + perParameter.masterWeights + perParameter.optimizerStates;
  return {
    precision: mixed ? 'mixed' : 'fp32',
    optimizer,
    bytesPerParameter,
    weights: parameters * perParameter.weights,
    gradients: parameters * perParameter.gradients,
    masterWeights: parameters * perParameter.masterWeights,
    optimizerStates: parameters * perParameter.optimizerStates,
    total: parameters * bytesPerParameter,
  };
}
