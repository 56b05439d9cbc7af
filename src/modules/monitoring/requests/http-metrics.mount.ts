import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';

import { HttpMetrics } from './http-metrics.js';
import { methodLabel, routeLabel } from './route-label.util.js';

/** Status recorded for a request whose client went away before the response finished (nginx's convention). */
const CLIENT_CLOSED = 499;

const UNTIMED = new WeakSet<ServerResponse>();

/**
 * Marks a response whose duration is no latency: a live stream open as long as its viewer watches. It is counted but
 * kept out of the histograms and percentile windows, where one closed dashboard tab would otherwise swamp the p99
 * (and any alert on it) for a whole window.
 */
export function excludeFromLatency(response: ServerResponse): void {
  UNTIMED.add(response);
}

/**
 * Times every request on the HTTP server itself, ahead of every other listener, so assets answered before Express
 * and requests refused before routing count too. One `close` listener per request: it fires after `finish`, or
 * alone when the connection dropped first.
 */
export function mountHttpMetrics(server: Server, metrics: HttpMetrics): void {
  const next = server.listeners('request') as Array<(request: IncomingMessage, response: ServerResponse) => void>;
  server.removeAllListeners('request');
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const started = performance.now();
    metrics.inFlight.inc();
    response.once('close', () => {
      metrics.inFlight.dec();
      const status = response.writableFinished ? response.statusCode : CLIENT_CLOSED;
      if (UNTIMED.has(response)) {
        metrics.count(methodLabel(request.method), routeLabel(request), status);
        return;
      }
      metrics.record(methodLabel(request.method), routeLabel(request), status, (performance.now() - started) / 1_000);
    });
    for (const listener of next) {
      listener.call(server, request, response);
    }
  });
}
