import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';

import { HttpMetrics } from './http-metrics.js';
import { methodLabel, routeLabel } from './route-label.util.js';

/** Status recorded for a request whose client went away before the response finished (nginx's convention). */
const CLIENT_CLOSED = 499;

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
    metrics.inFlight += 1;
    response.once('close', () => {
      metrics.inFlight -= 1;
      const status = response.writableFinished ? response.statusCode : CLIENT_CLOSED;
      metrics.record(methodLabel(request.method), routeLabel(request), status, (performance.now() - started) / 1_000);
    });
    for (const listener of next) {
      listener.call(server, request, response);
    }
  });
}
