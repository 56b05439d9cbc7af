import { Module } from '@nestjs/common';

import { ModelsModule } from '../models/index.js';
import { VariantsModule } from '../variants/index.js';
import { ModelTuningController } from './api/model-tuning.controller.js';
import { TuningRunsController } from './api/tuning-runs.controller.js';
import { ExecutionProviderProbe } from './engine/execution-provider.probe.js';
import { TuningEngine } from './engine/tuning-engine.service.js';
import { TuningQueue } from './jobs/tuning.queue.js';
import { TuningRunner } from './jobs/tuning-runner.service.js';
import { BenchmarkProcess } from './runner/benchmark-process.js';
import { TuningRunRepository } from './store/tuning-run.repository.js';
import { TuningRunsService } from './tuning-runs.service.js';
import { TuningMetrics } from './tuning.metrics.js';

/** Benchmarks and auto-optimise: measured in child processes, queued on pg-boss, kept with their decision trace. */
@Module({
  controllers: [ModelTuningController, TuningRunsController],
  imports: [ModelsModule, VariantsModule],
  providers: [BenchmarkProcess, ExecutionProviderProbe, TuningEngine, TuningMetrics, TuningQueue, TuningRunner, TuningRunRepository, TuningRunsService],
})
export class TuningModule {}
