import { MetricsRegistry } from '@app/common';
import { Injectable } from '@nestjs/common';
import { Counter, Histogram } from 'prom-client';

import type { TuningRunKind } from './store/tuning-run.entity.js';

/** `bulwark_gpu_tuning_*`: how long benchmark and auto-optimise runs take and how their sessions end. */
@Injectable()
export class TuningMetrics {
  private readonly runs: Histogram<'kind' | 'result'>;
  private readonly sessions: Counter<'provider' | 'result'>;

  constructor(registry: MetricsRegistry) {
    this.runs = new Histogram({
      name: 'bulwark_gpu_tuning_run_duration_seconds',
      help: 'Duration of GPU tuning runs (benchmark, auto-optimize) by how they ended.',
      labelNames: ['kind', 'result'],
      buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1_800, 3_600],
      registers: [registry],
    });
    this.sessions = new Counter({
      name: 'bulwark_gpu_tuning_sessions_total',
      help: 'Benchmark sessions (one candidate, provider, graph level and thread count) by provider and outcome.',
      labelNames: ['provider', 'result'],
      registers: [registry],
    });
  }

  startRun(kind: TuningRunKind): (result: 'completed' | 'failed') => void {
    const stop = this.runs.startTimer({ kind });
    return (result) => stop({ result });
  }

  countSession(provider: string, result: 'ok' | 'failed'): void {
    this.sessions.inc({ provider, result });
  }
}
