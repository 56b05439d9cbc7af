import { AppConfig } from '@app/config';
import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Server } from 'node:http';

/**
 * The last step of graceful shutdown. Terminus fails readiness and waits the drain delay; Nest then stops
 * accepting and waits for in-flight requests. This bounds that wait: after drain + SHUTDOWN_TIMEOUT_MS the
 * remaining connections are cut, so a stuck request cannot hold the process past its orchestrator's grace period.
 */
@Injectable()
export class ShutdownDeadline implements BeforeApplicationShutdown {
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
    setTimeout(() => {
      if (server?.listening === false) {
        return;
      }
      this.logger.warn('in-flight requests outlived the shutdown timeout; closing their connections');
      server?.closeAllConnections();
    }, drain + timeoutMs).unref();
  }
}
