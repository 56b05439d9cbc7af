import { jest } from '@jest/globals';
import { MetricsRegistry } from '@app/common';
import type { AppConfig } from '@app/config';
import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';

import { MonitoringException } from '../monitoring.exception.js';
import { MAX_LIVE_STREAMS, LiveStreamService } from './live-stream.service.js';
import type { LiveTick } from './live-tick.js';
import type { LiveTickBuilder } from './live-tick.builder.js';

const INTERVAL_MS = 1_000;

/** What the service uses of a ServerResponse: head, writes, end and the close event. */
class RecordingResponse extends EventEmitter {
  status = 0;
  headers: Record<string, string> = {};
  written: string[] = [];
  writableEnded = false;
  destroyed = false;

  writeHead(status: number, headers: Record<string, string>): this {
    this.status = status;
    this.headers = headers;
    return this;
  }

  write(chunk: string): boolean {
    this.written.push(chunk);
    return true;
  }

  end(): void {
    this.writableEnded = true;
    this.destroyed = true;
    this.emit('close');
  }

  ticks(): string[] {
    return this.written.filter((frame) => frame.startsWith('event: tick'));
  }
}

function setup(): { service: LiveStreamService; builds: () => number; registry: MetricsRegistry } {
  let builds = 0;
  const builder = {
    build: (): Promise<LiveTick> => {
      builds += 1;
      return Promise.resolve({ at: new Date().toISOString() } as LiveTick);
    },
  } as unknown as LiveTickBuilder;
  const config = { monitoring: { streamIntervalMs: INTERVAL_MS } } as AppConfig;
  const registry = new MetricsRegistry();
  return { service: new LiveStreamService(builder, config, registry), builds: () => builds, registry };
}

const open = (service: LiveStreamService): RecordingResponse => {
  const response = new RecordingResponse();
  service.open(response as unknown as ServerResponse);
  return response;
};

async function gauge(registry: MetricsRegistry): Promise<number> {
  const metric = await registry.getSingleMetric('bulwark_monitoring_stream_clients')!.get();
  return metric.values[0]?.value ?? Number.NaN;
}

describe(LiveStreamService.name, () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  describe('open', () => {
    it('answers 200 with event-stream headers and a retry delay, then a first tick at once', async () => {
      const { service } = setup();
      const response = open(service);
      await jest.advanceTimersByTimeAsync(0);
      expect(response.status).toBe(200);
      expect(response.headers).toMatchObject({ 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' });
      expect(response.written[0]).toBe('retry: 3000\n\n');
      expect(response.ticks()).toHaveLength(1);
      response.end();
    });

    it('builds one tick per interval for every client together', async () => {
      const { service, builds } = setup();
      const [first, second] = [open(service), open(service)];
      await jest.advanceTimersByTimeAsync(0);
      const initial = builds();
      await jest.advanceTimersByTimeAsync(INTERVAL_MS * 3);
      expect(builds() - initial).toBe(3);
      expect(first.ticks()).toHaveLength(4);
      expect(second.ticks()).toHaveLength(4);
      first.end();
      second.end();
    });

    it('stops the timer and the gauge falls to 0 when the last client goes away', async () => {
      const { service, builds, registry } = setup();
      const response = open(service);
      await jest.advanceTimersByTimeAsync(INTERVAL_MS);
      expect(await gauge(registry)).toBe(1);
      response.emit('close');
      const before = builds();
      await jest.advanceTimersByTimeAsync(INTERVAL_MS * 5);
      expect(builds()).toBe(before);
      expect(await gauge(registry)).toBe(0);
      expect(service.clientCount).toBe(0);
    });

    it(`refuses client ${MAX_LIVE_STREAMS + 1} with 503 and Retry-After`, () => {
      const { service } = setup();
      const responses = Array.from({ length: MAX_LIVE_STREAMS }, () => open(service));
      let refusal: unknown;
      try {
        open(service);
      } catch (error) {
        refusal = error;
      }
      expect(refusal).toBeInstanceOf(MonitoringException);
      expect(refusal).toMatchObject({ status: 503, code: 'MONITORING.STREAM_CAPACITY', headers: { 'Retry-After': '5' } });
      responses.forEach((response) => response.end());
    });

    it('does not keep a client that left before its stream opened', async () => {
      const { service, builds } = setup();
      const gone = new RecordingResponse();
      gone.destroyed = true;
      service.open(gone as unknown as ServerResponse);
      await jest.advanceTimersByTimeAsync(INTERVAL_MS * 3);
      expect(service.clientCount).toBe(0);
      expect(builds()).toBe(0);
    });
  });

  describe('beforeApplicationShutdown', () => {
    it('ends every stream and refuses new ones', () => {
      const { service } = setup();
      const response = open(service);
      service.beforeApplicationShutdown();
      expect(response.writableEnded).toBe(true);
      expect(service.clientCount).toBe(0);
      expect(() => open(service)).toThrow(MonitoringException);
    });
  });
});
