import { MetricsRegistry } from '@app/common';
import { testConfig } from '@app/testing';
import { jest } from '@jest/globals';
import type { ModuleRef } from '@nestjs/core';
import { appendFile, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { DcgmSource } from '../dcgm/dcgm.source.js';
import { GpuCollectionSink } from '../gpu-collection.sink.js';
import { KernelLogXidReader } from '../kernel-log/kernel-log.reader.js';
import type { GpuCollection, TelemetryCapability } from '../gpu-telemetry.types.js';
import type { NvidiaSmiSource } from '../nvidia-smi/nvidia-smi.source.js';
import { TelemetryCollector } from './telemetry-collector.service.js';
import { TelemetryMetrics } from './telemetry.metrics.js';

const EMPTY: GpuCollection = { devices: [], samples: [], processes: [], events: [] };

/** A source that answers from memory and counts its collections. */
class StubSource {
  collected = 0;

  constructor(
    readonly name: 'nvidia-smi' | 'dcgm',
    private readonly capability: TelemetryCapability,
  ) {}

  probe(): Promise<TelemetryCapability> {
    return Promise.resolve(this.capability);
  }

  collect(): Promise<GpuCollection> {
    this.collected += 1;
    return Promise.resolve(EMPTY);
  }
}

class RecordingSink extends GpuCollectionSink {
  readonly accepted: GpuCollection[] = [];

  accept(collection: GpuCollection): Promise<void> {
    this.accepted.push(collection);
    return Promise.resolve();
  }
}

const noSinkAnywhere = { get: () => { throw new Error('no provider'); } } as unknown as ModuleRef;

function collectorWith(env: Record<string, string>, nvidiaSmi: StubSource, dcgm: StubSource, sink?: GpuCollectionSink): TelemetryCollector {
  const config = testConfig({ GPU_SAMPLE_INTERVAL_MS: '1000', GPU_KERNEL_LOG_PATH: 'off', ...env });
  const metrics = new TelemetryMetrics(new MetricsRegistry());
  return new TelemetryCollector(config, dcgm as unknown as DcgmSource, new KernelLogXidReader(config), metrics, noSinkAnywhere, nvidiaSmi as unknown as NvidiaSmiSource, sink);
}

describe(TelemetryCollector.name, () => {
  const withGpus = new StubSource('nvidia-smi', { source: 'nvidia-smi', available: true, reason: null, details: { deviceCount: 1 } });
  const noBinary = new StubSource('nvidia-smi', { source: 'nvidia-smi', available: false, reason: 'nvidia-smi not found', details: {} });
  const dcgm = new StubSource('dcgm', { source: 'dcgm', available: true, reason: null, details: {} });

  beforeEach(() => {
    jest.useFakeTimers();
    withGpus.collected = 0;
    noBinary.collected = 0;
    dcgm.collected = 0;
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  describe('onApplicationBootstrap', () => {
    it('polls the selected source every GPU_SAMPLE_INTERVAL_MS into the sink', async () => {
      const sink = new RecordingSink();
      const collector = collectorWith({}, withGpus, dcgm, sink);
      collector.onApplicationBootstrap();
      await jest.advanceTimersByTimeAsync(3_500);
      expect(withGpus.collected).toBe(3);
      expect(dcgm.collected).toBe(0);
      expect(sink.accepted).toHaveLength(3);
      await collector.onApplicationShutdown();
    });

    it('polls dcgm when auto finds no nvidia-smi and a URL is set', async () => {
      const collector = collectorWith({ GPU_DCGM_URL: 'http://dcgm.invalid:9400/metrics' }, noBinary, dcgm, new RecordingSink());
      collector.onApplicationBootstrap();
      await jest.advanceTimersByTimeAsync(2_500);
      expect(dcgm.collected).toBe(2);
      expect(noBinary.collected).toBe(0);
      await collector.onApplicationShutdown();
    });

    it('polls nothing when GPU_COLLECTOR=off', async () => {
      const collector = collectorWith({ GPU_COLLECTOR: 'off' }, withGpus, dcgm, new RecordingSink());
      collector.onApplicationBootstrap();
      await jest.advanceTimersByTimeAsync(5_000);
      expect(withGpus.collected + dcgm.collected).toBe(0);
      await collector.onApplicationShutdown();
    });

    it('still collects (and drops) when no sink is provided anywhere', async () => {
      const collector = collectorWith({}, withGpus, dcgm);
      collector.onApplicationBootstrap();
      await jest.advanceTimersByTimeAsync(1_500);
      expect(withGpus.collected).toBe(1);
      await collector.onApplicationShutdown();
    });
  });

  describe('onApplicationShutdown', () => {
    it('stops polling', async () => {
      const collector = collectorWith({}, withGpus, dcgm, new RecordingSink());
      collector.onApplicationBootstrap();
      await jest.advanceTimersByTimeAsync(1_500);
      await collector.onApplicationShutdown();
      await jest.advanceTimersByTimeAsync(5_000);
      expect(withGpus.collected).toBe(1);
    });
  });

  describe('collectOnce', () => {
    it("adds the kernel log's Xid errors for the collected devices, and reports a repeated code once", async () => {
      jest.useRealTimers();
      const log = join(await mkdtemp(join(tmpdir(), 'bulwark-kmsg-')), 'kmsg');
      await writeFile(log, '4,1950,2734567890,-;NVRM: Xid (PCI:0000:86:00): 79, pid=3102, name=torchrun, GPU has fallen off the bus.\n');
      const device = { driverVersion: '550.54.15', host: 'node-1', index: 1, memoryTotalBytes: null, migEnabled: false, name: 'NVIDIA H100', parentUuid: null, pciBusId: '00000000:86:00.0', powerLimitWatts: null, uuid: 'GPU-86' };
      const source = new StubSource('nvidia-smi', { source: 'nvidia-smi', available: true, reason: null, details: { deviceCount: 1 } });
      source.collect = () => Promise.resolve({ ...EMPTY, devices: [device] });
      const sink = new RecordingSink();
      const collector = collectorWith({ GPU_KERNEL_LOG_PATH: log }, source, dcgm, sink);

      const first = await collector.collectOnce();
      await appendFile(log, '4,1951,2734567999,-;NVRM: Xid (PCI:0000:86:00): 79, pid=3102, name=torchrun, GPU has fallen off the bus.\n');
      const second = await collector.collectOnce();

      expect(first?.events).toEqual([expect.objectContaining({ code: '79', kind: 'xid', uuid: 'GPU-86' })]);
      expect(second?.events).toEqual([]);
      expect(sink.accepted[0]?.events).toHaveLength(1);
      await collector.onApplicationShutdown();
    });
  });
});
