import { assignRequestId, PROBLEM_CONTENT_TYPE, problemType, REQUEST_ID_HEADER, staticHeadersOf, type HeaderMiddleware } from '@app/common';
import { AppConfig } from '@app/config';
import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Express, NextFunction, Request, Response } from 'express';
import { ServerResponse, type IncomingMessage, type OutgoingHttpHeaders, type Server } from 'node:http';
import type { Socket } from 'node:net';

import { clientIpOf, IpBlockList, SecurityExceptionCode, trustProxySetting } from '../security/index.js';
import { CdnMetrics } from './cdn.metrics.js';
import { CdnAssetResolver } from './resolve/cdn-asset-resolver.service.js';
import { createCdnRequestHandler, EncodedBodyCache, splitCdnUrl, type CdnRequestHandler } from './serving/index.js';
import { ASSET_STORAGE, type AssetStorage } from './storage/asset-storage.js';

/** What IpBlockMiddleware's SecurityException renders to, written directly: the fast lane runs outside Nest's filter. */
const BLOCKED_BODY = JSON.stringify({
  type: problemType(SecurityExceptionCode.IP_BLOCKED),
  title: 'Forbidden',
  status: 403,
  detail: 'Requests from your address are blocked.',
  code: SecurityExceptionCode.IP_BLOCKED,
});
const BLOCKED_HEADERS = Object.freeze(['Content-Type', PROBLEM_CONTENT_TYPE, 'Content-Length', String(Buffer.byteLength(BLOCKED_BODY))]);

/** Public bytes for pages on any origin: scripts, styles and fonts load cross-origin (helmet's CORP is same-origin). */
const CROSS_ORIGIN_HEADERS: readonly [string, string][] = [
  ['Cross-Origin-Resource-Policy', 'cross-origin'],
  ['Access-Control-Allow-Origin', '*'],
];

/** A response sink for `assignRequestId`, which we ask only for the id: the header goes out with the others. */
const ID_ONLY = { setHeader: () => undefined } as unknown as ServerResponse;

/**
 * The static headers followed by a response's own, which win over a static one of the same name (as `writeHead`
 * does over `setHeader`), then the request id. The handler's lists for a plan are frozen and reused, so their merges
 * are kept, their last slot left for the request id: `writeHead` copies the headers out before it returns, so one
 * list serves every response without a per-request copy.
 */
class HeaderMerge {
  private readonly merged = new WeakMap<readonly string[], string[]>();

  constructor(private readonly base: readonly string[]) {}

  of(own: readonly string[]): string[] {
    let merged = this.merged.get(own);
    if (merged === undefined) {
      merged = this.merge(own);
      if (Object.isFrozen(own)) {
        this.merged.set(own, merged);
      }
    }
    return merged;
  }

  private merge(own: readonly string[]): string[] {
    const names = new Set<string>();
    for (let index = 0; index < own.length; index += 2) {
      names.add(own[index]!.toLowerCase());
    }
    const merged: string[] = [];
    for (let index = 0; index < this.base.length; index += 2) {
      if (!names.has(this.base[index]!.toLowerCase())) {
        merged.push(this.base[index]!, this.base[index + 1]!);
      }
    }
    return merged.concat(own, REQUEST_ID_HEADER, '');
  }
}

/** `writeHead(status[, message][, headers])` with the static headers merged in, then the request id. */
function writeHeadWith(response: ServerResponse, headers: HeaderMerge, id: string, draining: boolean, status: number, second: unknown, third: unknown): ServerResponse {
  const last = third ?? second;
  let own: readonly string[] = [];
  if (Array.isArray(last)) {
    own = last as string[];
  } else if (typeof last === 'object' && last !== null) {
    own = Object.entries(last as OutgoingHttpHeaders).flatMap(([name, value]) => (value === undefined ? [] : [name, String(value)]));
  }
  if (typeof second === 'string') {
    response.statusMessage = second;
  }
  const list = headers.of(own);
  list[list.length - 1] = id;
  ServerResponse.prototype.writeHead.call(response, status, draining ? list.concat('Connection', 'close') : list);
  return response;
}

/**
 * `GET|HEAD /cdn/*`: asset hits skip body parsing, validation, authentication and the threat guard, which public
 * immutable bytes do not need, but keep the request id, security headers, the IP block list and metrics. `mount`
 * answers them on the node:http server itself, before Express; `handle` is the same as Express middleware, for the
 * `/cdn` URLs that the fast lane leaves to Express (absolute-form targets, other letter case).
 */
@Injectable()
export class CdnServingMiddleware implements BeforeApplicationShutdown {
  readonly handle: (request: Request, response: Response, next: NextFunction) => void;
  private readonly serve: CdnRequestHandler;
  private readonly logger = new Logger(CdnServingMiddleware.name);
  private draining = false;

  constructor(
    private readonly blocks: IpBlockList,
    private readonly config: AppConfig,
    metrics: CdnMetrics,
    resolver: CdnAssetResolver,
    @Inject(ASSET_STORAGE) storage: AssetStorage,
  ) {
    const cache = new EncodedBodyCache(storage, { maxBytes: config.cdn.memoryCache.maxBytes, maxObjectBytes: config.cdn.memoryCache.maxObjectBytes });
    this.serve = createCdnRequestHandler({
      resolver,
      cache,
      observer: metrics.serving,
      onError: (error) => this.logger.warn(`Asset serving failed: ${error instanceof Error ? error.message : String(error)}`),
    });
    this.handle = (request, response) => {
      if (this.blocks.isBlocked(clientIpOf(request))) {
        response.writeHead(403, BLOCKED_HEADERS as string[]).end(BLOCKED_BODY);
        return;
      }
      for (const [name, value] of CROSS_ORIGIN_HEADERS) {
        response.setHeader(name, value);
      }
      // Express strips the mount path: request.url is `/<hash>/<name>?<query>`.
      const target = splitCdnUrl(request.url, '/');
      this.serve(request, response, target?.path ?? '', target?.query ?? '');
    };
  }

  beforeApplicationShutdown(): void {
    this.draining = true;
  }

  /**
   * Puts the fast lane in front of Express on the app's server: `/cdn/…` requests are answered here, everything else
   * goes to the listeners that were there (Express). `securityHeaders` is the helmet middleware Express runs: its
   * headers are static for our options, so they are taken once here instead of set one by one on every response.
   */
  mount(app: NestExpressApplication, securityHeaders: HeaderMiddleware): void {
    const server: Server = app.getHttpServer();
    const next = server.listeners('request');
    const express: Express = app.getHttpAdapter().getInstance();
    const lane = this.fastLane(express, new HeaderMerge(staticHeaderListOf(securityHeaders)));
    server.removeAllListeners('request');
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      const url = request.url ?? '';
      if (url.startsWith('/cdn/')) {
        lane(request, response, url);
        return;
      }
      for (const listener of next) {
        listener.call(server, request, response);
      }
    });
  }

  private fastLane(app: Express, headers: HeaderMerge): (request: IncomingMessage, response: ServerResponse, url: string) => void {
    const clientIp = this.clientIpReader(app);
    const answer = (request: IncomingMessage, response: ServerResponse, url: string): void => {
      const id = assignRequestId(request, ID_ONLY);
      // One writeHead with every header keeps Node on its fast path (no per-header setHeader and merge).
      response.writeHead = (status: number, second?: unknown, third?: unknown) => writeHeadWith(response, headers, id, this.draining, status, second, third);
      if (this.blocks.size > 0 && this.blocks.isBlocked(clientIp(request))) {
        response.writeHead(403, BLOCKED_HEADERS as string[]).end(BLOCKED_BODY);
        return;
      }
      const target = splitCdnUrl(url) ?? { path: '', query: '' };
      this.serve(request, response, target.path, target.query);
    };
    const guarded = (request: IncomingMessage, response: ServerResponse, url: string): void => {
      try {
        answer(request, response, url);
      } catch (error) {
        // Outside Express nothing turns a throw into a response: without this it would be an uncaught exception.
        this.logger.error(`Asset serving threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        response.destroy();
      }
    };
    return guarded;
  }

  /** The client IP as `clientIpOf` reads it from Express' `req.ip` (which follows only the trusted proxies). */
  private clientIpReader(app: Express): (request: IncomingMessage) => string {
    const prototype = (app as unknown as { request: object }).request;
    if (trustProxySetting(this.config.trustProxy) === false) {
      // No proxy trusted: req.ip is the socket's address, parsed and normalised once per connection.
      const known = new WeakMap<Socket, string>();
      return ({ socket }) => {
        let ip = known.get(socket);
        if (ip === undefined) {
          ip = clientIpOf({ socket } as Request);
          known.set(socket, ip);
        }
        return ip;
      };
    }
    return (request) => clientIpOf(Object.assign(Object.create(prototype) as Request, { headers: request.headers, socket: request.socket }));
  }
}

/** The headers `middleware` sets on every response, then the cross-origin ones, as a flat name/value list. */
function staticHeaderListOf(middleware: HeaderMiddleware): string[] {
  const found = staticHeadersOf(middleware);
  if (found === undefined) {
    throw new Error('the security header middleware does not set the same headers on every response; the fast lane needs it to');
  }
  const headers = new Map(found.set.map(([name, value]) => [name.toLowerCase(), [name, value] as const]));
  for (const [name, value] of CROSS_ORIGIN_HEADERS) {
    headers.set(name.toLowerCase(), [name, value]);
  }
  return [...headers.values()].flat();
}
