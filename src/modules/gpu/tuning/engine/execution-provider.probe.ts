import { Injectable } from '@nestjs/common';

import { encodeModel } from '../../onnx/onnx-proto.js';
import { buildMlpModel } from '../../onnx/mlp-model.builder.js';
import type { ProviderStatus } from '../analysis/tuning-report.js';
import type { ExecutionProvider } from '../runner/benchmark-protocol.js';
import { BenchmarkProcess } from '../runner/benchmark-process.js';
import { withoutDirectories } from './provider-reason.util.js';

export const EXECUTION_PROVIDERS: readonly ExecutionProvider[] = ['cpu', 'cuda'];
const PROBE_TIMEOUT_MS = 60_000;

/**
 * Which execution providers can open a session on this machine. onnxruntime-node does not fall back by itself: a
 * session asked for CUDA fails when libonnxruntime_providers_cuda or the driver is missing. Each provider is tried
 * once per process, in a child, on a tiny model; the answer (with onnxruntime's reason) is kept.
 */
@Injectable()
export class ExecutionProviderProbe {
  private readonly results = new Map<ExecutionProvider, Promise<ProviderStatus>>();

  constructor(private readonly benchmarks: BenchmarkProcess) {}

  all(): Promise<ProviderStatus[]> {
    return Promise.all(EXECUTION_PROVIDERS.map((provider) => this.status(provider)));
  }

  status(provider: ExecutionProvider): Promise<ProviderStatus> {
    let result = this.results.get(provider);
    if (result === undefined) {
      result = this.probe(provider);
      this.results.set(provider, result);
    }
    return result;
  }

  private async probe(provider: ExecutionProvider): Promise<ProviderStatus> {
    const model = encodeModel(buildMlpModel({ sizes: [4, 4] }));
    try {
      const { available, reason } = await this.benchmarks.probe(model, provider, PROBE_TIMEOUT_MS);
      return { provider, available, reason: reason === null ? null : withoutDirectories(reason) };
    } catch (error) {
      // A crash or a hang is an answer too (a broken driver can do either); it is not asked again in this process.
      return { provider, available: false, reason: withoutDirectories(error instanceof Error ? error.message : String(error)) };
    }
  }
}
