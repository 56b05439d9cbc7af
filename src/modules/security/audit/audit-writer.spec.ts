import { jest } from '@jest/globals';

import type { AuditDraft } from './audit-record.js';
import { AuditWriter, type AuditShedReason, type AuditSink, type AuditWriterMetrics, type AuditWriterOptions } from './audit-writer.js';

/** A sink that keeps what it was given and fails while `down` is set. */
class FakeSink implements AuditSink {
  readonly batches: string[][] = [];
  down = false;
  attempts = 0;
  private gate?: Promise<void>;
  private release?: () => void;

  get written(): string[] {
    return this.batches.flat();
  }

  /** The next append waits until `open()` is called. */
  hold(): void {
    this.gate = new Promise((resolve) => {
      this.release = resolve;
    });
  }

  open(): void {
    this.release?.();
    this.gate = undefined;
  }

  async append(drafts: readonly AuditDraft[]): Promise<void> {
    this.attempts += 1;
    await this.gate;
    if (this.down) {
      throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
    }
    this.batches.push(drafts.map((draft) => draft.action));
  }
}

class FakeMetrics implements AuditWriterMetrics {
  writtenCount = 0;
  failures = 0;
  readonly shedCount: Record<AuditShedReason, number> = { overflow: 0, shutdown: 0, closed: 0, invalid: 0 };

  written(count: number): void {
    this.writtenCount += count;
  }

  shed(count: number, reason: AuditShedReason): void {
    this.shedCount[reason] += count;
  }

  writeFailed(): void {
    this.failures += 1;
  }
}

function draft(action: string): AuditDraft {
  return {
    occurredAt: new Date('2026-11-22T10:00:00.000Z'),
    action,
    outcome: 'success',
    actorType: 'system',
    actorId: null,
    ip: null,
    targetType: null,
    targetId: null,
    metadata: {},
    requestId: null,
    idempotencyKey: action,
    ingestedBy: 'internal',
  };
}

const actions = (from: number, to: number): string[] => Array.from({ length: to - from + 1 }, (_, index) => `e${from + index}`);

let sink: FakeSink;
let metrics: FakeMetrics;
let writer: AuditWriter;

function makeWriter(options: Partial<AuditWriterOptions> = {}): AuditWriter {
  writer = new AuditWriter(
    sink,
    { batchSize: 3, flushIntervalMs: 1_000, bufferMax: 100, retryInitialDelayMs: 100, retryMaxDelayMs: 400, shutdownAttempts: 2, ...options },
    metrics,
  );
  writer.start();
  return writer;
}

function recordAll(names: string[]): void {
  for (const name of names) {
    writer.record(draft(name));
  }
}

beforeEach(() => {
  jest.useFakeTimers();
  sink = new FakeSink();
  metrics = new FakeMetrics();
});

afterEach(async () => {
  sink.down = false;
  sink.open();
  await writer.close();
  jest.useRealTimers();
});

describe(AuditWriter.name, () => {
  describe('record', () => {
    it('returns at once without writing while the batch is not full', () => {
      makeWriter();

      recordAll(['e1', 'e2']);

      expect(sink.attempts).toBe(0);
      expect(writer.buffered).toBe(2);
    });

    it('writes a batch as soon as batchSize events wait', async () => {
      makeWriter();

      recordAll(actions(1, 3));
      await jest.advanceTimersByTimeAsync(0);

      expect(sink.batches).toEqual([['e1', 'e2', 'e3']]);
      expect(metrics.writtenCount).toBe(3);
      expect(writer.buffered).toBe(0);
    });

    it('writes what waits when the flush interval passes, in batches of batchSize', async () => {
      makeWriter({ batchSize: 2 });
      writer.record(draft('e1'));

      await jest.advanceTimersByTimeAsync(999);
      expect(sink.attempts).toBe(0);
      await jest.advanceTimersByTimeAsync(1);

      expect(sink.batches).toEqual([['e1']]);
    });

    it('keeps recording while a batch is being written, and writes the newcomers after it', async () => {
      makeWriter();
      sink.hold();
      recordAll(actions(1, 3));
      await jest.advanceTimersByTimeAsync(0);

      recordAll(actions(4, 7));
      expect(writer.buffered).toBe(7);
      sink.open();
      await jest.advanceTimersByTimeAsync(0);

      expect(sink.batches).toEqual([actions(1, 3), actions(4, 6), ['e7']]);
    });
  });

  describe('on write failure', () => {
    it('keeps the events, retries with backoff, and writes them once in their order when the sink returns', async () => {
      makeWriter();
      sink.down = true;
      recordAll(actions(1, 3));
      await jest.advanceTimersByTimeAsync(0);
      expect(metrics.failures).toBe(1);
      expect(writer.buffered).toBe(3);

      recordAll(actions(4, 5));
      await jest.advanceTimersByTimeAsync(2_000);
      expect(sink.attempts).toBeGreaterThan(2);
      expect(sink.written).toEqual([]);

      sink.down = false;
      await jest.advanceTimersByTimeAsync(1_000);

      expect(sink.written).toEqual(actions(1, 5));
      expect(metrics.writtenCount).toBe(5);
      expect(writer.buffered).toBe(0);
      expect(metrics.shedCount.overflow).toBe(0);
    });

    it('does not hammer a sink that is down: a full batch waits for the scheduled retry', async () => {
      makeWriter({ retryInitialDelayMs: 400, retryMaxDelayMs: 400 });
      sink.down = true;
      recordAll(actions(1, 3));
      await jest.advanceTimersByTimeAsync(0);
      const attemptsAfterFailure = sink.attempts;

      recordAll(actions(4, 9));
      await jest.advanceTimersByTimeAsync(0);

      expect(sink.attempts).toBe(attemptsAfterFailure);
    });

    it('sheds the oldest events beyond bufferMax, counts them, and writes the newest', async () => {
      makeWriter({ bufferMax: 5, batchSize: 2 });
      sink.down = true;
      recordAll(actions(1, 2));
      await jest.advanceTimersByTimeAsync(0);

      recordAll(actions(3, 9));
      expect(writer.buffered).toBe(5);
      expect(metrics.shedCount.overflow).toBe(4);

      sink.down = false;
      await jest.advanceTimersByTimeAsync(1_000);

      expect(sink.written).toEqual(actions(5, 9));
      expect(metrics.shedCount.overflow + metrics.writtenCount).toBe(9);
    });

    it('never sheds the batch in flight; the bound is kept by dropping older waiting events', async () => {
      makeWriter({ bufferMax: 4, batchSize: 3 });
      sink.hold();
      recordAll(actions(1, 3));
      await jest.advanceTimersByTimeAsync(0);

      recordAll(actions(4, 6));
      expect(writer.buffered).toBe(4);
      expect(metrics.shedCount.overflow).toBe(2);
      sink.open();
      await jest.advanceTimersByTimeAsync(0);

      expect(sink.written).toEqual(['e1', 'e2', 'e3', 'e6']);
    });
  });

  describe('discardInvalid', () => {
    it('counts an event that could not be recorded as shed, buffering nothing', () => {
      makeWriter();

      writer.discardInvalid(undefined, new TypeError('action is not a string'));

      expect(metrics.shedCount.invalid).toBe(1);
      expect(writer.buffered).toBe(0);
    });
  });

  describe('close', () => {
    it('writes everything still buffered before resolving', async () => {
      makeWriter({ batchSize: 100 });
      recordAll(actions(1, 5));

      await writer.close();

      expect(sink.written).toEqual(actions(1, 5));
      expect(writer.buffered).toBe(0);
    });

    it('waits for the batch in flight and writes the rest after it', async () => {
      makeWriter();
      sink.hold();
      recordAll(actions(1, 4));
      await jest.advanceTimersByTimeAsync(0);

      const closing = writer.close();
      sink.open();
      await closing;

      expect(sink.written).toEqual(actions(1, 4));
    });

    it('gives up after the shutdown attempts and counts what it could not write as shed', async () => {
      jest.useRealTimers();
      makeWriter({ retryInitialDelayMs: 1, retryMaxDelayMs: 1, shutdownAttempts: 3 });
      sink.down = true;
      recordAll(actions(1, 2));

      await writer.close();

      expect(sink.attempts).toBe(3);
      expect(metrics.shedCount.shutdown).toBe(2);
      expect(writer.buffered).toBe(0);
    });

    it('counts events recorded after close as shed instead of keeping them', async () => {
      makeWriter();
      await writer.close();

      writer.record(draft('late'));

      expect(metrics.shedCount.closed).toBe(1);
      expect(writer.buffered).toBe(0);
    });
  });
});
