import { encodeModel } from '../../onnx/onnx-proto.js';
import { buildMlpModel } from '../../onnx/mlp-model.builder.js';
import { BenchmarkChildError, BenchmarkProcess } from './benchmark-process.js';

const model = encodeModel(buildMlpModel({ seed: 5, sizes: [8, 4] }));
const feeds = { input: { data: new Float32Array(8).fill(1), dims: [1, 8] } };
const request = { batches: [{ batch: 1, feeds }], graphOptimizationLevel: 'all' as const, maxMillisPerBatch: 1_000, minRuns: 5, model, provider: 'cpu' as const, runs: 20, threads: 1, warmupRuns: 2 };

describe('BenchmarkProcess (a real child running onnxruntime-node)', () => {
  const processes = new BenchmarkProcess();

  it('measures a session and returns its outputs', async () => {
    const result = await processes.benchmark(request, 60_000);
    expect(result.measurements).toHaveLength(1);
    expect(result.measurements[0]).toMatchObject({ batch: 1, runs: 20 });
    expect(result.measurements[0]!.outputs.output?.dims).toEqual([1, 4]);
    expect(result.loadMs).toBeGreaterThan(0);
  }, 60_000);

  it('reports what onnxruntime said when a session cannot be created', async () => {
    await expect(processes.benchmark({ ...request, model: new Uint8Array([1, 2, 3]) }, 60_000)).rejects.toThrow(BenchmarkChildError);
  }, 60_000);

  it('kills a child that runs past its time', async () => {
    await expect(processes.benchmark({ ...request, runs: 1_000, maxMillisPerBatch: 60_000 }, 50)).rejects.toThrow('the benchmark did not finish within 50 ms');
  }, 60_000);
});
