import type { Feeds } from './ort-runner.adapter.js';
import type { ModelProto } from './onnx-proto.js';
import { DataType, elementCount, toNumber } from './onnx-tensor.util.js';
import { SeededRng } from './seeded-rng.util.js';

export interface SeededInputOptions {
  seed?: number;
  /** The size given to every symbolic or unknown dimension. */
  batch?: number;
}

/**
 * Standard-normal float32 feeds for every float graph input that is not also an initializer, symbolic dims set to
 * `batch`. Models with non-float inputs are refused: inventing values for ids or sample rates would validate nothing.
 */
export function seededInputs(model: ModelProto, options: SeededInputOptions = {}): Feeds {
  const rng = new SeededRng(options.seed ?? 42);
  const initializers = new Set((model.graph?.initializer ?? []).map((tensor) => tensor.name ?? ''));
  const feeds: Feeds = {};
  for (const input of model.graph?.input ?? []) {
    const name = input.name ?? '';
    if (initializers.has(name)) {
      continue;
    }
    const tensorType = input.type?.tensorType;
    if (tensorType?.elemType !== DataType.FLOAT) {
      throw new TypeError(`Input ${name} is not a float tensor; seeded inputs cover float inputs only.`);
    }
    const dims = (tensorType.shape?.dim ?? []).map((dim) => {
      const value = toNumber(dim.dimValue);
      return value > 0 ? value : (options.batch ?? 1);
    });
    feeds[name] = { data: rng.normalArray(elementCount(dims)), dims };
  }
  return feeds;
}
