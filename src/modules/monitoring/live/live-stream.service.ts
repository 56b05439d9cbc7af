import { MetricsRegistry } from '@app/common';
import { AppConfig } from '@app/config';
import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { Gauge } from 'prom-client';

import { MonitoringException, MonitoringExceptionCode } from '../monitoring.exception.js';
import { excludeFromLatency } from '../requests/http-metrics.mount.js';
import { LiveTickBuilder } from './live-tick.builder.js';
import { sseComment, sseEvent, sseRetry } from './sse-frame.util.js';

/** Streams one process serves at once: each holds a connection, and a dashboard needs one per open tab. */
export const MAX_LIVE_STREAMS = 50;
/** How long a client should wait to reconnect, after a drop or a refusal at the cap. */
const RECONNECT_MS = 3_000;
const RETRY_AFTER_SECONDS = '5';

export const STREAM_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-store',
  // nginx (and proxies that honour it) would otherwise buffer the stream and deliver ticks in bursts.
  'X-Accel-Buffering': 'no',
} as const;

interface StreamClient {
  response: ServerResponse;
  /** The socket's buffer is full: ticks are skipped (not queued) until it drains, so a slow client costs no memory. */
  congested: boolean;
}

/**
 * The live stream's clients and its one timer. A tick is built once per interval and written to every client, so
 * the cost does not grow with the number of tabs; the timer runs only while someone listens.
 */
@Injectable()
export class LiveStreamService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(LiveStreamService.name);
  private readonly clients = new Set<StreamClient>();
  private readonly gauge: Gauge;
  private timer: NodeJS.Timeout | undefined;
  private sequence = 0;
  private building = false;
  private closing = false;

  constructor(
    private readonly builder: LiveTickBuilder,
    private readonly config: AppConfig,
    registry: MetricsRegistry,
  ) {
    this.gauge = new Gauge({ name: 'bulwark_monitoring_stream_clients', help: 'Open live streams (GET /v1/monitoring/stream).', registers: [registry] });
  }

  get clientCount(): number {
    return this.clients.size;
  }

  /** Starts streaming ticks to `response`; refuses with 503 and Retry-After at the cap or while shutting down. */
  open(response: ServerResponse): void {
    if (this.closing || this.clients.size >= MAX_LIVE_STREAMS) {
      throw new MonitoringException(MonitoringExceptionCode.STREAM_CAPACITY, `This instance already serves ${this.clients.size} live streams; try again shortly.`, {
        headers: { 'Retry-After': RETRY_AFTER_SECONDS },
      });
    }
    excludeFromLatency(response);
    // The client may have left while it was being authenticated: its `close` has fired already and would never
    // remove it again.
    if (response.destroyed) {
      return;
    }
    const client: StreamClient = { response, congested: false };
    response.writeHead(200, STREAM_HEADERS);
    response.write(sseRetry(RECONNECT_MS));
    response.on('drain', () => {
      client.congested = false;
    });
    response.once('close', () => this.remove(client));
    this.clients.add(client);
    this.gauge.set(this.clients.size);
    this.timer ??= setInterval(() => void this.tick(), this.config.monitoring.streamIntervalMs).unref();
    // The first tick at once, to this client only: a new chart should not wait an interval for its first point.
    void this.buildFrame().then((frame) => this.send([client], frame));
  }

  beforeApplicationShutdown(): void {
    // Open streams would hold the server open: end them so clients reconnect (to another instance) after `retry`.
    this.closing = true;
    for (const client of this.clients) {
      client.response.end();
    }
  }

  private remove(client: StreamClient): void {
    this.clients.delete(client);
    this.gauge.set(this.clients.size);
    if (this.clients.size === 0) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  private async tick(): Promise<void> {
    // A build slower than the interval skips a tick instead of piling builds up.
    if (this.building) {
      return;
    }
    this.building = true;
    try {
      this.send(this.clients, await this.buildFrame());
    } finally {
      this.building = false;
    }
  }

  private send(clients: Iterable<StreamClient>, frame: string): void {
    for (const client of clients) {
      if (this.clients.has(client) && !client.congested && !client.response.writableEnded) {
        client.congested = !client.response.write(frame);
      }
    }
  }

  private async buildFrame(): Promise<string> {
    try {
      const tick = await this.builder.build();
      // Numbered when done, not when started: frames are written as they complete, so every client sees ids rise.
      this.sequence += 1;
      return sseEvent('tick', this.sequence, tick);
    } catch (error) {
      this.logger.warn(`A live tick could not be built: ${error instanceof Error ? error.message : String(error)}`);
      return sseComment('tick skipped');
    }
  }
}
