import { AppConfig } from '@app/config';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown, Optional } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';

import { DcgmSource } from '../dcgm/dcgm.source.js';
import { KernelLogXidReader } from '../kernel-log/kernel-log.reader.js';
import { GpuCollectionSink } from '../gpu-collection.sink.js';
import type { GpuCollection, TelemetryCapability, TelemetrySource } from '../gpu-telemetry.types.js';
import { NvidiaSmiSource } from '../nvidia-smi/nvidia-smi.source.js';
import { DeviceEventTracker } from './device-event-tracker.js';
import { selectSource, type SourceSelection } from './source-selection.js';
import { TelemetryMetrics } from './telemetry.metrics.js';

/**
 * Polls the source GPU_COLLECTOR selects every GPU_SAMPLE_INTERVAL_MS and hands each collection, with throttle
 * onsets and new Xid codes as events, to the GpuCollectionSink. A failed collection is counted and logged, never
 * fatal: the next tick tries again.
 */
@Injectable()
export class TelemetryCollector implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TelemetryCollector.name);
  private readonly events = new DeviceEventTracker();
  private selection: Promise<SourceSelection> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly config: AppConfig,
    private readonly dcgm: DcgmSource,
    private readonly kernelLog: KernelLogXidReader,
    private readonly metrics: TelemetryMetrics,
    private readonly moduleRef: ModuleRef,
    private readonly nvidiaSmi: NvidiaSmiSource,
    @Optional() private sink?: GpuCollectionSink,
  ) {}

  onApplicationBootstrap(): void {
    // The sink lives in the store module, which may not be imported here: look for it app-wide.
    this.sink ??= this.findSink();
    // Selection probes nvidia-smi (up to its timeout): boot does not wait for it.
    this.inFlight = this.selected().then((selection) => {
      if (selection.active !== null && !this.stopped) {
        this.schedule();
      }
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.inFlight.catch(() => undefined);
    await this.kernelLog.close();
  }

  /** The configured collector, the source that polls, and why none does. */
  selected(): Promise<SourceSelection> {
    this.selection ??= selectSource({
      collector: this.config.gpu.collector,
      dcgmConfigured: this.config.gpu.dcgmUrl !== undefined,
      probeNvidiaSmi: () => safeProbe(this.nvidiaSmi),
    });
    return this.selection;
  }

  /** One collection from the active source into the sink; null when no source is active or it failed. */
  async collectOnce(): Promise<GpuCollection | null> {
    const selection = await this.selected();
    const source = selection.active === 'dcgm' ? this.dcgm : selection.active === 'nvidia-smi' ? this.nvidiaSmi : null;
    if (source === null) {
      return null;
    }
    const started = performance.now();
    try {
      const collected = await source.collect();
      const xids = await this.kernelLog.read(collected.devices);
      const collection = this.events.track({ ...collected, events: [...collected.events, ...xids] });
      await this.sink?.accept(collection);
      this.metrics.collected(source.name, 'ok', (performance.now() - started) / 1000);
      return collection;
    } catch (error) {
      this.metrics.collected(source.name, 'error', (performance.now() - started) / 1000);
      this.logger.warn(`GPU telemetry collection from ${source.name} failed: ${(error as Error).message}`);
      return null;
    }
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.inFlight = this.collectOnce().finally(() => {
        if (!this.stopped) {
          this.schedule();
        }
      });
    }, this.config.gpu.sampleIntervalMs);
    this.timer.unref();
  }

  private findSink(): GpuCollectionSink | undefined {
    try {
      return this.moduleRef.get(GpuCollectionSink, { strict: false });
    } catch {
      this.logger.warn('No GpuCollectionSink is provided: GPU telemetry collections are counted and dropped');
      return undefined;
    }
  }
}

/** A probe that throws (unreadable output) is an unavailable source, not a failed request. */
export async function safeProbe(source: TelemetrySource): Promise<TelemetryCapability> {
  try {
    return await source.probe();
  } catch (error) {
    return { source: source.name, available: false, reason: (error as Error).message, details: {} };
  }
}
