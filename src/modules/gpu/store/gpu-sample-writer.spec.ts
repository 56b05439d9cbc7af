import type { GpuSample } from '../telemetry/gpu-telemetry.types.js';
import type { GpuSampleSink } from './gpu-sample-persister.service.js';
import { GpuSampleWriter, type GpuSampleWriterMetrics, type GpuSampleWriterOptions, type GpuShedReason, type WriterTimers } from './gpu-sample-writer.js';

/** A sink that keeps what it was given and fails while `down` is set. */
class FakeSink implements GpuSampleSink {
  readonly batches: string[][] = [];
  down = false;
  attempts = 0;

  get written(): string[] {
    return this.batches.flat();
  }

  write(samples: readonly GpuSample[]): Promise<number> {
    this.attempts += 1;
    if (this.down) {
      return Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
    }
    this.batches.push(samples.map((sample) => sample.sampledAt));
    return Promise.resolve(samples.length);
  }
}

class FakeMetrics implements GpuSampleWriterMetrics {
  writtenCount = 0;
  failures = 0;
  flushes = 0;
  readonly shedCount: Record<GpuShedReason, number> = { overflow: 0, shutdown: 0, closed: 0 };

  written(count: number): void {
    this.writtenCount += count;
  }

  shed(count: number, reason: GpuShedReason): void {
    this.shedCount[reason] += count;
  }

  writeFailed(): void {
    this.failures += 1;
  }

  flushed(): void {
    this.flushes += 1;
  }
}

/** Timers the test fires by hand: the interval tick and the pending retry. */
class ManualTimers implements WriterTimers {
  tick?: () => void;
  retry?: () => void;
  private readonly inert = (): NodeJS.Timeout => setTimeout(() => undefined, 0x7fffffff).unref();

  now(): number {
    return 0;
  }

  setInterval(callback: () => void): NodeJS.Timeout {
    this.tick = callback;
    return this.inert();
  }

  setTimeout(callback: () => void): NodeJS.Timeout {
    this.retry = callback;
    return this.inert();
  }

  fireRetry(): void {
    const retry = this.retry;
    this.retry = undefined;
    retry?.();
  }
}

const sample = (n: number): GpuSample => ({
  uuid: 'GPU-aaaa',
  host: 'node-1',
  sampledAt: `t${n}`,
  utilizationRatio: 0.5,
  memoryUtilizationRatio: null,
  memoryUsedBytes: null,
  memoryTotalBytes: null,
  powerWatts: null,
  temperatureCelsius: null,
  smClockMhz: null,
  memoryClockMhz: null,
  throttleReasons: [],
});

const samples = (from: number, to: number): GpuSample[] => Array.from({ length: to - from + 1 }, (_, index) => sample(from + index));
const names = (from: number, to: number): string[] => samples(from, to).map((s) => s.sampledAt);
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

let sink: FakeSink;
let metrics: FakeMetrics;
let timers: ManualTimers;
let writer: GpuSampleWriter;

function createWriter(options: Partial<GpuSampleWriterOptions> = {}): GpuSampleWriter {
  writer = new GpuSampleWriter(sink, { rows: 10, intervalMs: 1_000, bufferMaxRows: 50, retryInitialDelayMs: 1, shutdownAttempts: 2, ...options }, metrics, timers);
  writer.start();
  return writer;
}

beforeEach(() => {
  sink = new FakeSink();
  metrics = new FakeMetrics();
  timers = new ManualTimers();
});

describe(GpuSampleWriter.name, () => {
  describe('enqueue', () => {
    it('writes a batch as soon as `rows` samples wait, without waiting for the interval', async () => {
      createWriter().enqueue(samples(1, 10));
      await settle();

      expect(sink.batches).toEqual([names(1, 10)]);
      expect(metrics.writtenCount).toBe(10);
      expect(metrics.flushes).toBe(1);
    });

    it('keeps fewer than `rows` samples until the interval ticks', async () => {
      createWriter().enqueue(samples(1, 3));
      await settle();
      expect(sink.batches).toEqual([]);
      expect(writer.buffered).toBe(3);

      timers.tick?.();
      await settle();

      expect(sink.batches).toEqual([names(1, 3)]);
      expect(writer.buffered).toBe(0);
    });

    it('splits what waits into batches of at most `rows`', async () => {
      createWriter().enqueue(samples(1, 25));
      await writer.flush();

      expect(sink.batches.map((batch) => batch.length)).toEqual([10, 10, 5]);
      expect(sink.written).toEqual(names(1, 25));
    });
  });

  describe('when the database fails', () => {
    it('keeps the failed batch, in order, and writes it once the retry succeeds', async () => {
      createWriter();
      sink.down = true;
      writer.enqueue(samples(1, 10));
      await settle();
      expect(metrics.failures).toBe(1);
      writer.enqueue(samples(11, 14));
      expect(writer.buffered).toBe(14);

      sink.down = false;
      timers.fireRetry();
      await settle();

      expect(sink.written).toEqual(names(1, 14));
      expect(writer.buffered).toBe(0);
      expect(metrics.writtenCount).toBe(14);
    });

    it('does not start another write on the interval while a retry is pending', async () => {
      createWriter();
      sink.down = true;
      writer.enqueue(samples(1, 10));
      await settle();

      timers.tick?.();
      await settle();

      expect(sink.attempts).toBe(1);
    });

    it('sheds the oldest samples beyond bufferMaxRows and counts them', async () => {
      createWriter({ bufferMaxRows: 20 });
      sink.down = true;
      writer.enqueue(samples(1, 10));
      await settle();
      writer.enqueue(samples(11, 30));

      expect(writer.buffered).toBe(20);
      expect(metrics.shedCount.overflow).toBe(10);

      sink.down = false;
      await writer.flush();
      expect(sink.written).toEqual(names(11, 30));
    });
  });

  describe('close', () => {
    it('writes what is buffered before resolving', async () => {
      createWriter().enqueue(samples(1, 4));

      await writer.close();

      expect(sink.written).toEqual(names(1, 4));
      expect(metrics.shedCount.shutdown).toBe(0);
    });

    it('sheds and counts what it could not write after its attempts', async () => {
      createWriter().enqueue(samples(1, 4));
      sink.down = true;

      await writer.close();

      expect(sink.attempts).toBe(2);
      expect(metrics.shedCount.shutdown).toBe(4);
      expect(writer.buffered).toBe(0);
    });

    it('counts samples that arrive after shutdown began as shed, not written', async () => {
      createWriter();
      await writer.close();

      writer.enqueue(samples(1, 3));

      expect(metrics.shedCount.closed).toBe(3);
      expect(sink.attempts).toBe(0);
    });
  });
});
