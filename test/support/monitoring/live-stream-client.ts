import type { INestApplication } from '@nestjs/common';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { LiveTick } from '../../../src/modules/monitoring/live/live-tick.js';
import { readEventStream, SseParser, type SseEvent } from '../../../src/modules/monitoring/live/public/sse-reader.js';
import { waitFor } from '../wait-for.js';

export interface LiveStream {
  response: Response;
  events: SseEvent[];
  parser: SseParser;
  /** Resolves once `count` tick events have arrived in all. */
  ticks(count: number): Promise<LiveTick[]>;
  close(): void;
}

/** Opens GET /v1/monitoring/stream with fetch, as the dashboard does, and reads it with the page's own parser. */
export async function openLiveStream(app: INestApplication, headers: Record<string, string>): Promise<LiveStream> {
  const port = ((app.getHttpServer() as Server).address() as AddressInfo).port;
  const abort = new AbortController();
  const response = await fetch(`http://127.0.0.1:${port}/v1/monitoring/stream`, { headers: { Accept: 'text/event-stream', ...headers }, signal: abort.signal });
  const events: SseEvent[] = [];
  const parser = new SseParser((event) => events.push(event));
  if (response.ok && response.body !== null) {
    // Ends with an abort error when the test closes the stream.
    readEventStream(response.body, parser).catch(() => undefined);
  }
  const tickEvents = (): SseEvent[] => events.filter((event) => event.type === 'tick');
  return {
    response,
    events,
    parser,
    ticks: async (count) => {
      await waitFor(() => tickEvents().length >= count, `${count} ticks`);
      return tickEvents().map((event) => JSON.parse(event.data) as LiveTick);
    },
    close: () => abort.abort(),
  };
}

/** The value of an unlabelled gauge in the app's /metrics text. */
export async function gaugeValue(app: INestApplication, name: string): Promise<number> {
  const port = ((app.getHttpServer() as Server).address() as AddressInfo).port;
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const match = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
  return match === null ? Number.NaN : Number(match[1]);
}
