import { PROBLEM_CONTENT_TYPE, problemType } from '@app/common';
import { AppConfig } from '@app/config';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

import { clientIpOf, IpBlockList } from '../security/index.js';
import { CdnMetrics } from './cdn.metrics.js';
import { CdnAssetResolver } from './resolve/cdn-asset-resolver.service.js';
import { createCdnRequestHandler, EncodedBodyCache } from './serving/index.js';
import { ASSET_STORAGE, type AssetStorage } from './storage/asset-storage.js';

const BLOCKED_BODY = JSON.stringify({
  type: problemType('SECURITY.IP_BLOCKED'),
  title: 'Forbidden',
  status: 403,
  detail: 'Requests from your address are blocked.',
  code: 'SECURITY.IP_BLOCKED',
});

/**
 * `GET|HEAD /cdn/*`, mounted on Express ahead of Nest's router (see configureApp): asset hits skip body parsing,
 * validation, authentication and the threat guard, which public immutable bytes do not need, but keep the request
 * id, security headers, the IP block list and metrics.
 */
@Injectable()
export class CdnServingMiddleware {
  readonly handle: (request: Request, response: Response, next: NextFunction) => void;

  constructor(
    blocks: IpBlockList,
    config: AppConfig,
    metrics: CdnMetrics,
    resolver: CdnAssetResolver,
    @Inject(ASSET_STORAGE) storage: AssetStorage,
  ) {
    const logger = new Logger(CdnServingMiddleware.name);
    const cache = new EncodedBodyCache(storage, { maxBytes: config.cdn.memoryCache.maxBytes, maxObjectBytes: config.cdn.memoryCache.maxObjectBytes });
    const serve = createCdnRequestHandler({
      resolver,
      cache,
      observer: metrics.serving,
      onError: (error) => logger.warn(`Asset serving failed: ${error instanceof Error ? error.message : String(error)}`),
    });
    this.handle = (request, response) => {
      if (blocks.isBlocked(clientIpOf(request))) {
        response.writeHead(403, { 'Content-Type': PROBLEM_CONTENT_TYPE, 'Content-Length': Buffer.byteLength(BLOCKED_BODY) }).end(BLOCKED_BODY);
        return;
      }
      // Public bytes for pages on any origin: scripts, styles and fonts load cross-origin (helmet's default CORP is
      // same-origin, which would block them; fonts also need CORS).
      response.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
      response.setHeader('Access-Control-Allow-Origin', '*');
      // Express strips the mount path: request.url is `/<hash>/<name>?<query>`.
      const url = request.url;
      const query = url.indexOf('?');
      serve(request, response, query === -1 ? url.slice(1) : url.slice(1, query), query === -1 ? '' : url.slice(query + 1));
    };
  }
}
