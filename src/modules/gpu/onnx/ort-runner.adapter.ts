import { Injectable } from '@nestjs/common';
import * as ort from 'onnxruntime-node';

/** A float32 tensor as plain data, the form inputs go in and outputs come back in. */
export interface FloatTensorData {
  dims: number[];
  data: Float32Array;
}

export type Feeds = Record<string, FloatTensorData>;

/**
 * onnxruntime checks `data instanceof Float32Array` against the realm it was loaded in; under Jest's VM sandbox that
 * is another realm than the caller's. A Float32Array made by the runtime itself has the right constructor.
 */
const RUNTIME_FLOAT32 = new ort.Tensor('float32', [0]).data.constructor as Float32ArrayConstructor;

function runtimeFloat32(data: Float32Array): Float32Array {
  return data instanceof RUNTIME_FLOAT32 ? data : new RUNTIME_FLOAT32(data);
}

export interface OrtRunOptions {
  /** Intra-op threads; ORT picks from the cores when left out. */
  threads?: number;
}

/**
 * The one place onnxruntime-node is called: load model bytes into a CPU session and run it. Passes and benchmarks
 * go through this adapter so a test or a GPU build can swap the runtime.
 */
@Injectable()
export class OrtRunner {
  async open(bytes: Uint8Array, options: OrtRunOptions = {}): Promise<OrtSession> {
    const session = await ort.InferenceSession.create(bytes, {
      executionProviders: ['cpu'],
      graphOptimizationLevel: 'all',
      ...(options.threads === undefined ? {} : { interOpNumThreads: 1, intraOpNumThreads: options.threads }),
    });
    return new OrtSession(session);
  }

  /** Loads, runs once and releases. */
  async run(bytes: Uint8Array, feeds: Feeds, options: OrtRunOptions = {}): Promise<Feeds> {
    const session = await this.open(bytes, options);
    try {
      return await session.run(feeds);
    } finally {
      await session.release();
    }
  }
}

/** A loaded model kept open for repeated runs (benchmarks). */
export class OrtSession {
  constructor(private readonly session: ort.InferenceSession) {}

  get outputNames(): readonly string[] {
    return this.session.outputNames;
  }

  async run(feeds: Feeds): Promise<Feeds> {
    const tensors: Record<string, ort.Tensor> = {};
    for (const [name, feed] of Object.entries(feeds)) {
      tensors[name] = new ort.Tensor('float32', runtimeFloat32(feed.data), feed.dims);
    }
    const results = await this.session.run(tensors);
    const outputs: Feeds = {};
    for (const [name, tensor] of Object.entries(results)) {
      if (tensor.type !== 'float32') {
        throw new TypeError(`Output ${name} is ${tensor.type}, only float32 outputs are compared.`);
      }
      // A copy in the caller's realm, independent of the session's buffers once it is released.
      outputs[name] = { data: Float32Array.from(tensor.data as Float32Array), dims: [...tensor.dims] };
    }
    return outputs;
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}
