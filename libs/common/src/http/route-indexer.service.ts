import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';

import { indexRoutes, type IndexableRouter } from './route-index.js';

/**
 * Indexes Express' routes (see indexRoutes) once Nest has registered them all: application bootstrap comes after the
 * routes and Nest's not-found handler. Application contexts without an HTTP server (the CLI) have nothing to index.
 */
@Injectable()
export class RouteIndexer implements OnApplicationBootstrap {
  private readonly logger = new Logger('RouteIndexer');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onApplicationBootstrap(): void {
    const app = this.adapterHost.httpAdapter?.getInstance<{ router?: IndexableRouter }>();
    if (app?.router === undefined) {
      return;
    }
    this.logger.debug(`${indexRoutes(app.router)} routes indexed by path prefix`);
  }
}
