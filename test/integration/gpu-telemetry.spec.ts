import { CommonModule, MetricsRegistry } from '@app/common';
import { AppConfig, ConfigModule } from '@app/config';
import { testConfig } from '@app/testing';
import { Injectable } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';

import { DcgmSource } from '../../src/modules/gpu/telemetry/dcgm/dcgm.source.js';
import { GpuCollectionSink, TelemetryCollector, TelemetryModule, type GpuCollection } from '../../src/modules/gpu/telemetry/index.js';
import { NvidiaSmiSource } from '../../src/modules/gpu/telemetry/nvidia-smi/nvidia-smi.source.js';
import { DcgmExporterServer } from '../support/dcgm-exporter-server.js';
import { freePort } from '../support/free-port.js';
import { fakeNvidiaSmi, GPU_FIXTURES } from '../support/gpu-fixtures.js';

/** The store's stand-in: keeps what the collector hands over. */
@Injectable()
class RecordingSink extends GpuCollectionSink {
  readonly accepted: GpuCollection[] = [];

  accept(collection: GpuCollection): Promise<void> {
    this.accepted.push(collection);
    return Promise.resolve();
  }
}

async function telemetry(env: Record<string, string>): Promise<TestingModule> {
  const moduleRef = await Test.createTestingModule({
    imports: [CommonModule, ConfigModule, TelemetryModule],
    providers: [RecordingSink, { provide: GpuCollectionSink, useExisting: RecordingSink }],
  })
    .overrideProvider(AppConfig)
    .useValue(testConfig({ GPU_SAMPLE_INTERVAL_MS: '600000', ...env }))
    .compile();
  return moduleRef.init();
}

async function collections(moduleRef: TestingModule, source: string, result: string): Promise<number> {
  const metric = await moduleRef.get(MetricsRegistry).getSingleMetric('bulwark_gpu_collections_total')?.get();
  return metric?.values.find((value) => value.labels.source === source && value.labels.result === result)?.value ?? 0;
}

describe('GPU telemetry sources', () => {
  let exporter: DcgmExporterServer;

  beforeAll(async () => {
    exporter = await DcgmExporterServer.start();
  });

  afterAll(async () => {
    await exporter.stop();
  });

  describe(NvidiaSmiSource.name, () => {
    let moduleRef: TestingModule;

    beforeAll(async () => {
      moduleRef = await telemetry({ GPU_COLLECTOR: 'nvidia-smi', GPU_NVIDIA_SMI_PATH: fakeNvidiaSmi('nvidia-smi') });
    });

    afterAll(async () => {
      await moduleRef.close();
    });

    it('collects from the fake nvidia-smi into the sink, with a throttle onset event once', async () => {
      const collector = moduleRef.get(TelemetryCollector);
      await expect(collector.selected()).resolves.toEqual({ collector: 'nvidia-smi', active: 'nvidia-smi', reason: null });
      await collector.collectOnce();
      await collector.collectOnce();
      const [first, second] = moduleRef.get(RecordingSink).accepted;
      expect(first?.devices).toHaveLength(2);
      expect(first?.processes).toHaveLength(3);
      expect(first?.events.map((event) => `${event.kind}:${event.code}`)).toEqual(['throttle:sw_power_cap']);
      expect(second?.events).toEqual([]);
      await expect(collections(moduleRef, 'nvidia-smi', 'ok')).resolves.toBe(2);
    });
  });

  describe('nvidia-smi failing', () => {
    it('counts a failed collection and hands nothing to the sink', async () => {
      const moduleRef = await telemetry({ GPU_COLLECTOR: 'nvidia-smi', GPU_NVIDIA_SMI_PATH: fakeNvidiaSmi('nvidia-smi-exit-15') });
      const collector = moduleRef.get(TelemetryCollector);
      await expect(collector.selected()).resolves.toMatchObject({ active: 'nvidia-smi', reason: expect.stringContaining('exit 15') });
      await expect(collector.collectOnce()).resolves.toBeNull();
      expect(moduleRef.get(RecordingSink).accepted).toEqual([]);
      await expect(collections(moduleRef, 'nvidia-smi', 'error')).resolves.toBe(1);
      await moduleRef.close();
    });
  });

  describe(DcgmSource.name, () => {
    let moduleRef: TestingModule;

    beforeAll(async () => {
      // auto: no nvidia-smi here, so the dcgm-exporter URL is the source.
      moduleRef = await telemetry({ GPU_COLLECTOR: 'auto', GPU_NVIDIA_SMI_PATH: `${GPU_FIXTURES}bin/absent`, GPU_DCGM_URL: exporter.url, GPU_NVIDIA_SMI_TIMEOUT_MS: '1000' });
    });

    afterAll(async () => {
      exporter.answer('serve');
      await moduleRef.close();
    });

    it('is chosen by auto when nvidia-smi is missing and scrapes the exporter over HTTP', async () => {
      const collector = moduleRef.get(TelemetryCollector);
      await expect(collector.selected()).resolves.toEqual({ collector: 'auto', active: 'dcgm', reason: null });
      const collection = await collector.collectOnce();
      expect(collection?.devices.map((device) => device.uuid).sort()).toEqual([
        'GPU-5b2c8a4e-1f3d-4c6e-9a7b-0d2e4f6a8c10',
        'GPU-7e1d9c3b-2a4f-4b8e-8c6d-1f3a5b7d9e21',
        'GPU-9c8b7a6f-5e4d-4c3b-a2f1-0e9d8c7b6a54',
        'MIG-GPU-9c8b7a6f-5e4d-4c3b-a2f1-0e9d8c7b6a54/2',
      ]);
      expect(collection?.events.map((event) => `${event.kind}:${event.code}`).sort()).toEqual(['throttle:sw_power_cap', 'xid:79']);
      const again = await collector.collectOnce();
      expect(again?.events).toEqual([]);
      expect(moduleRef.get(RecordingSink).accepted).toHaveLength(2);
    });

    it('probes as available with device and MIG instance counts', async () => {
      await expect(moduleRef.get(DcgmSource).probe()).resolves.toEqual({
        source: 'dcgm',
        available: true,
        reason: null,
        details: { url: exporter.url, deviceCount: 3, migInstanceCount: 1 },
      });
    });

    it('says why when the exporter answers an error status', async () => {
      exporter.answer('fail');
      const probe = await moduleRef.get(DcgmSource).probe();
      expect(probe).toMatchObject({ available: false, reason: `dcgm-exporter at ${exporter.url} answered HTTP 503` });
      await expect(moduleRef.get(TelemetryCollector).collectOnce()).resolves.toBeNull();
      await expect(collections(moduleRef, 'dcgm', 'error')).resolves.toBe(1);
    });

    it('gives up on an exporter that does not answer within the timeout', async () => {
      exporter.answer('stall');
      const probe = await moduleRef.get(DcgmSource).probe();
      expect(probe).toMatchObject({ available: false, reason: `dcgm-exporter at ${exporter.url} is unreachable: no answer within 1000 ms` });
    });
  });

  describe('dcgm-exporter answering too much', () => {
    it('stops reading past 8 MiB and says so', async () => {
      const huge = await DcgmExporterServer.start(`# ${'x'.repeat(9 * 1024 * 1024)}\n`);
      const moduleRef = await telemetry({ GPU_COLLECTOR: 'dcgm', GPU_DCGM_URL: huge.url });
      const probe = await moduleRef.get(DcgmSource).probe();
      expect(probe).toMatchObject({ available: false, reason: `dcgm-exporter at ${huge.url} answered more than 8388608 bytes` });
      await moduleRef.close();
      await huge.stop();
    });
  });

  describe('dcgm-exporter unreachable', () => {
    it('says the URL is unreachable', async () => {
      const url = `http://127.0.0.1:${await freePort()}/metrics`;
      const moduleRef = await telemetry({ GPU_COLLECTOR: 'dcgm', GPU_DCGM_URL: url });
      const probe = await moduleRef.get(DcgmSource).probe();
      expect(probe).toMatchObject({ available: false, reason: `dcgm-exporter at ${url} is unreachable: ECONNREFUSED` });
      await moduleRef.close();
    });
  });
});
