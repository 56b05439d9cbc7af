import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';

import type { RequestTracing } from '../tracing/request-tracing.service.js';
import type { HttpMetrics } from './http-metrics.js';
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

export interface RequestObservers {
  /** RED metrics and percentile windows; absent when MONITORING_HTTP_METRICS is off. */
  metrics?: HttpMetrics;
  /** Server spans; absent or disabled unless MONITORING_OTLP_ENDPOINT is set. */
  tracing?: RequestTracing;
}

/**
 * Times every request on the HTTP server itself, ahead of every other listener, so assets answered before Express
 * and requests refused before routing count too. One `close` listener per request: it fires after `finish`, or
 * alone when the connection dropped first.
 */
export function mountHttpMetrics(server: Server, { metrics, tracing }: RequestObservers): void {
  const traced = tracing?.enabled === true ? tracing : undefined;
  if (metrics === undefined && traced === undefined) {
    return;
  }
  const next = server.listeners('request') as Array<(request: IncomingMessage, response: ServerResponse) => void>;
  server.removeAllListeners('request');
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const started = performance.now();
    const span = traced?.start(request);
    if (metrics !== undefined) {
      metrics.inFlight += 1;
    }
    response.once('close', () => {
      const status = response.writableFinished ? response.statusCode : CLIENT_CLOSED;
      const method = methodLabel(request.method);
      const route = routeLabel(request);
      if (metrics !== undefined) {
        metrics.inFlight -= 1;
        if (UNTIMED.has(response)) {
          metrics.count(method, route, status);
        } else {
          metrics.record(method, route, status, (performance.now() - started) / 1_000);
        }
      }
      if (span !== undefined) {
        traced!.end(span, method, route, status);
      }
    });
    for (const listener of next) {
      listener.call(server, request, response);
    }
  });
}
