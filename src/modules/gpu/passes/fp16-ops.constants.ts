/**
 * Ops whose float output has the type of their float inputs, so they run in fp16 once their inputs are fp16.
 * Deliberately an allow-list: an op not named here or below makes the FP16 pass refuse the model instead of
 * guessing its type rules (a wrong guess is a model onnxruntime rejects, or one that silently computes in fp32).
 */
export const FP16_FOLLOWING_OPS: ReadonlySet<string> = new Set([
  'Abs', 'Add', 'AveragePool', 'BatchNormalization', 'Clip', 'Concat', 'Conv', 'ConvTranspose', 'Div', 'Dropout', 'Elu',
  'Erf', 'Exp', 'Expand', 'Flatten', 'Gather', 'Gemm', 'GlobalAveragePool', 'Identity', 'LayerNormalization',
  'LeakyRelu', 'Log', 'LogSoftmax', 'MatMul', 'MaxPool', 'Mul', 'Neg', 'Pad', 'Pow', 'ReduceMean', 'ReduceSum',
  'Relu', 'Reshape', 'Sigmoid', 'Slice', 'Softmax', 'Split', 'Sqrt', 'Squeeze', 'Sub', 'Tanh', 'Tile', 'Transpose',
  'Unsqueeze', 'Where',
]);

/** Ops whose outputs are never float whatever their inputs (shapes, indices, booleans). */
export const NON_FLOAT_OUTPUT_OPS: ReadonlySet<string> = new Set([
  'And', 'ArgMax', 'ArgMin', 'Equal', 'Greater', 'GreaterOrEqual', 'IsInf', 'IsNaN', 'Less', 'LessOrEqual', 'NonZero',
  'Not', 'Or', 'Shape', 'Size',
]);

/**
 * Ops kept in fp32 behind Casts: no fp16 kernel in common runtimes, or fp16 loses what they compute (index ranges,
 * sorting ties, coordinates). The list follows onnxconverter-common's float16 DEFAULT_OP_BLOCK_LIST.
 */
export const FP32_KEPT_OPS: ReadonlySet<string> = new Set([
  'CumSum', 'Max', 'Min', 'NonMaxSuppression', 'RandomNormalLike', 'RandomUniformLike', 'Range', 'Resize', 'RoiAlign',
  'TopK', 'Upsample',
]);
