import { AppConfig } from '@app/config';
import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

const IDLE_SWEEP_MS = 100;

/**
 * Our part of graceful shutdown. Terminus fails readiness and waits the drain delay; Nest then closes the
 * listener and waits for in-flight requests. From the first moment we ask clients to drop keep-alive
 * connections (so they move to other instances) and close idle sockets as they appear, so closing ends as soon as
 * the last request does; after drain + SHUTDOWN_TIMEOUT_MS whatever is left is cut, so a stuck request cannot hold
 * the process past its orchestrator's grace period.
 */
@Injectable()
export class GracefulShutdown implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Shutdown');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly config: AppConfig,
  ) {}

  beforeApplicationShutdown(signal?: string): void {
    const { drainDelayMs, timeoutMs } = this.config.shutdown;
    const drain = signal === 'SIGTERM' ? drainDelayMs : 0;
    this.logger.log(`shutting down${signal ? ` on ${signal}` : ''}: not ready now, draining ${drain} ms, then up to ${timeoutMs} ms for in-flight requests`);
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (!server) {
      return;
    }
    // First in line, before the app's own listener answers: a response finished synchronously (an asset served from
    // memory) would make a late setHeader throw.
    server.prependListener('request', (_request: IncomingMessage, response: ServerResponse) => {
      if (!response.headersSent) {
        response.setHeader('Connection', 'close');
      }
    });
    const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS).unref();
    const deadline = setTimeout(() => {
      this.logger.warn('in-flight requests outlived the shutdown timeout; closing their connections');
      server.closeAllConnections();
    }, drain + timeoutMs).unref();
    server.once('close', () => {
      clearInterval(sweep);
      clearTimeout(deadline);
    });
  }
}
