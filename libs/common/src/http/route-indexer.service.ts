import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';

import { flattenCatchAllMiddleware, type FlattenableRouter } from './catch-all-middleware.js';
import { indexRoutes, type IndexableRouter } from './route-index.js';

/**
 * Flattens Nest's catch-all middleware routes (see flattenCatchAllMiddleware) and indexes Express' routes (see
 * indexRoutes) once Nest has registered them all: application bootstrap comes after the routes and Nest's not-found
 * handler. Application contexts without an HTTP server (the CLI) have nothing to index.
 */
@Injectable()
export class RouteIndexer implements OnApplicationBootstrap {
  private readonly logger = new Logger('RouteIndexer');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onApplicationBootstrap(): void {
    const app = this.adapterHost.httpAdapter?.getInstance<{ router?: IndexableRouter & FlattenableRouter }>();
    if (app?.router === undefined) {
      return;
    }
    const flattened = flattenCatchAllMiddleware(app.router);
    this.logger.debug(`${flattened} catch-all middleware routes flattened, ${indexRoutes(app.router)} routes indexed by path prefix`);
  }
}
