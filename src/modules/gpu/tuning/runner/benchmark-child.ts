// The benchmark child process. onnxruntime-node runs a session on the calling thread, so measuring in the service
// process would stall every request for the length of a benchmark and mix its memory with theirs; a child per
// session keeps the event loop free, gives each session its own peak-RSS reading, and dies with whatever it loaded.
// Erasable TypeScript only, importing nothing of ours at run time: the child runs from src/ under Node's type
// stripping (tests) as well as from dist/ (the built service).
import { performance } from 'node:perf_hooks';
import * as ort from 'onnxruntime-node';

import type { BatchMeasurement, ChildReply, ChildRequest, FeedSet, ProbeRequest, ProbeResult, SessionBenchmarkRequest, SessionBenchmarkResult } from './benchmark-protocol.js';

function nearestRank(sorted: readonly number[], percentile: number): number {
  return sorted[Math.max(0, Math.ceil((percentile / 100) * sorted.length) - 1)] ?? 0;
}

function tensors(feeds: FeedSet): Record<string, ort.Tensor> {
  const out: Record<string, ort.Tensor> = {};
  for (const [name, feed] of Object.entries(feeds)) {
    out[name] = new ort.Tensor('float32', Float32Array.from(feed.data), feed.dims);
  }
  return out;
}

function plainOutputs(results: ort.InferenceSession.OnnxValueMapType): FeedSet {
  const out: FeedSet = {};
  for (const [name, tensor] of Object.entries(results)) {
    if (tensor.type === 'float32') {
      out[name] = { data: Float32Array.from(tensor.data as Float32Array), dims: [...tensor.dims] };
    }
  }
  return out;
}

async function measureBatch(session: ort.InferenceSession, request: SessionBenchmarkRequest, batch: number, feeds: FeedSet): Promise<BatchMeasurement> {
  const inputs = tensors(feeds);
  const outputs = plainOutputs(await session.run(inputs));
  for (let i = 1; i < request.warmupRuns; i++) {
    await session.run(inputs);
  }
  const latencies: number[] = [];
  const started = performance.now();
  while (latencies.length < request.runs && (latencies.length < request.minRuns || performance.now() - started < request.maxMillisPerBatch)) {
    const before = performance.now();
    await session.run(inputs);
    latencies.push(performance.now() - before);
  }
  const meanMs = latencies.reduce((sum, value) => sum + value, 0) / latencies.length;
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    batch,
    runs: latencies.length,
    meanMs,
    p50Ms: nearestRank(sorted, 50),
    p95Ms: nearestRank(sorted, 95),
    p99Ms: nearestRank(sorted, 99),
    throughputPerSecond: (batch * 1000) / meanMs,
    outputs,
  };
}

async function benchmark(request: SessionBenchmarkRequest): Promise<SessionBenchmarkResult> {
  const baseline = process.memoryUsage().rss;
  const loadStarted = performance.now();
  const session = await ort.InferenceSession.create(request.model, {
    executionProviders: [request.provider],
    graphOptimizationLevel: request.graphOptimizationLevel,
    intraOpNumThreads: request.threads,
    interOpNumThreads: 1,
    logSeverityLevel: 3,
  });
  const loadMs = performance.now() - loadStarted;
  const measurements: BatchMeasurement[] = [];
  for (const { batch, feeds } of request.batches) {
    measurements.push(await measureBatch(session, request, batch, feeds));
  }
  await session.release();
  return { kind: 'benchmark', loadMs, sessionMemoryBytes: Math.max(0, process.resourceUsage().maxRSS * 1024 - baseline), measurements };
}

async function probe(request: ProbeRequest): Promise<ProbeResult> {
  try {
    const session = await ort.InferenceSession.create(request.model, { executionProviders: [request.provider], logSeverityLevel: 4 });
    await session.release();
    return { kind: 'probe', available: true, reason: null };
  } catch (error) {
    return { kind: 'probe', available: false, reason: firstLine(error) };
  }
}

// onnxruntime's messages carry ANSI colour codes and a C++ source trail after the first line.
const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

function firstLine(error: unknown): string {
  const text = (error instanceof Error ? error.message : String(error)).replace(ANSI_COLOUR, '');
  return text.split('\n')[0]!.slice(0, 500);
}

function reply(message: ChildReply): void {
  process.send!(message, undefined, {}, () => process.exit(0));
}

process.once('message', (request: ChildRequest) => {
  const work = request.kind === 'probe' ? probe(request) : benchmark(request);
  work.then(reply, (error: unknown) => reply({ kind: 'error', message: firstLine(error) }));
});
