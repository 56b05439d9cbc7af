/** A graph input or output: dims are numbers, symbolic names (`batch`), or null when the model leaves them unknown. */
export interface TensorSignature {
  name: string;
  dtype: string;
  /** null when the model declares no shape at all (any rank). */
  shape: (number | string | null)[] | null;
}

/** What an uploaded model is, computed once at upload and stored beside it. */
export interface ModelReport {
  irVersion: number | string | null;
  producer: { name: string; version: string };
  opsets: { domain: string; version: number | string | null }[];
  inputs: TensorSignature[];
  outputs: TensorSignature[];
  parameters: {
    /** Elements of every initializer, subgraphs included. */
    initializers: number;
    /** Elements held in Constant nodes (value tensors and value_float(s)/value_int(s)). */
    constants: number;
    total: number;
  };
  /** Storage bytes of those parameters by dtype name. */
  bytesByDtype: Record<string, number>;
  /** Nodes by `domain::op_type` (empty domain is `ai.onnx`), subgraphs included. */
  ops: Record<string, number>;
  nodeCount: number;
  /** Control-flow bodies (If/Loop/Scan graphs). */
  subgraphCount: number;
  /**
   * Weights the graph passes must not touch: held in Constant nodes or inside subgraphs rather than as top-level
   * initializers (a pass that rewrites initializers would find nothing to do, or break the model).
   */
  flags: {
    weightsInConstants: boolean;
    weightsInSubgraphs: boolean;
    /** Names of tensors whose bytes live in another file (data_location EXTERNAL). */
    externalData: string[];
  };
}
