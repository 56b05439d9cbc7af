import { BenchmarkProcess } from '../runner/benchmark-process.js';
import type { ProbeResult } from '../runner/benchmark-protocol.js';
import { ExecutionProviderProbe } from './execution-provider.probe.js';

class ReasonedProcess extends BenchmarkProcess {
  constructor(private readonly answer: () => Promise<ProbeResult>) {
    super();
  }

  override probe(): Promise<ProbeResult> {
    return this.answer();
  }
}

const CUDA_MISSING =
  'OrtSessionOptionsAppendExecutionProvider_Cuda: Failed to load shared library (/srv/bulwark/node_modules/onnxruntime-node/bin/napi-v6/linux/x64/libonnxruntime_providers_shared.so: cannot open shared object file: No such file or directory)';

describe('ExecutionProviderProbe', () => {
  // Found by the API fuzzer: GET /v1/gpu/execution-providers answered with the install directory inside the reason.
  it('names the library onnxruntime could not load without the directory it was installed in', async () => {
    const probe = new ExecutionProviderProbe(new ReasonedProcess(() => Promise.resolve({ kind: 'probe', available: false, reason: CUDA_MISSING })));
    const { reason } = await probe.status('cuda');
    expect(reason).toBe('OrtSessionOptionsAppendExecutionProvider_Cuda: Failed to load shared library (libonnxruntime_providers_shared.so: cannot open shared object file: No such file or directory)');
  });

  it('strips directories from a failed probe the same way', async () => {
    const probe = new ExecutionProviderProbe(new ReasonedProcess(() => Promise.reject(new Error('the benchmark process ended (SIGSEGV) without a result: at C:\\ort\\bin\\onnxruntime.dll'))));
    expect((await probe.status('cuda')).reason).toBe('the benchmark process ended (SIGSEGV) without a result: at onnxruntime.dll');
  });

  it('keeps a reason that names no path as it is', async () => {
    const probe = new ExecutionProviderProbe(new ReasonedProcess(() => Promise.resolve({ kind: 'probe', available: false, reason: 'CUDA driver version is insufficient for CUDA runtime version' })));
    expect((await probe.status('cuda')).reason).toBe('CUDA driver version is insufficient for CUDA runtime version');
  });
});
