import type { IncomingMessage, ServerResponse } from 'node:http';
import { STATUS_CODES } from 'node:http';

import { PROBLEM_CONTENT_TYPE, problemType } from '@app/common';

import { CdnExceptionCode } from '../cdn.exception.js';
import { StorageObjectNotFoundError } from '../storage/asset-storage.js';
import { pipeBody, type EncodedBodyCache } from './encoded-body-cache.js';
import { ifRangeMatches, parseRange } from './parse-range.js';
import { chooseRepresentation, planFor, type AssetPlan, type RepresentationPlan } from './served-asset-plan.js';
import type { AssetResolver, ServeObserver, ServedAsset } from './served-asset.js';

export interface CdnRequestHandlerOptions {
  resolver: AssetResolver;
  /** Bodies come through it: from memory when small, streamed from its storage when large. */
  cache: EncodedBodyCache;
  observer?: ServeObserver;
  /** Told about failures answered 503 or cut mid-body (storage down, wrong length); never about client aborts. */
  onError?: (error: unknown) => void;
}

/**
 * Answers one `/cdn/*` request. `path` is what follows `/cdn/` (still percent-encoded, as the resolver receives it)
 * and `query` the raw query string without `?`. Plain node:http: no body parsing, validation or auth happens here.
 */
export type CdnRequestHandler = (req: IncomingMessage, res: ServerResponse, path: string, query: string) => void;


/** Splits a request URL into the handler's `path` and `query` after `mount` (`/cdn/` on a bare server, `/` under Express' `app.use('/cdn')`). */
export function splitCdnUrl(url: string, mount = '/cdn/'): { path: string; query: string } | null {
  if (!url.startsWith(mount)) {
    return null;
  }
  const mark = url.indexOf('?', mount.length);
  return mark < 0 ? { path: url.slice(mount.length), query: '' } : { path: url.slice(mount.length, mark), query: url.slice(mark + 1) };
}

export function createCdnRequestHandler(options: CdnRequestHandlerOptions): CdnRequestHandler {
  const serving = new AssetServing(options);
  return (req, res, path, query) => serving.handle(req, res, path, query);
}

class AssetServing {
  constructor(private readonly options: CdnRequestHandlerOptions) {}

  handle(req: IncomingMessage, res: ServerResponse, path: string, query: string): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      this.problem(req, res, null, 405, CdnExceptionCode.METHOD_NOT_ALLOWED, `${req.method} is not allowed on assets.`, ['Allow', 'GET, HEAD']);
      return;
    }
    let resolved: ReturnType<AssetResolver['resolve']>;
    try {
      resolved = this.options.resolver.resolve(path, query);
    } catch (error) {
      this.fail(req, res, null, error);
      return;
    }
    if (resolved instanceof Promise) {
      resolved.then(
        (asset) => this.serveOrFail(req, res, asset),
        (error: unknown) => this.fail(req, res, null, error),
      );
    } else {
      this.serveOrFail(req, res, resolved);
    }
  }

  /** A malformed ServedAsset must cost one 503, not the process (sync path) or an unhandled rejection (async path). */
  private serveOrFail(req: IncomingMessage, res: ServerResponse, asset: ServedAsset | null): void {
    try {
      this.serve(req, res, asset);
    } catch (error) {
      this.fail(req, res, asset?.assetId ?? null, error);
    }
  }

  private serve(req: IncomingMessage, res: ServerResponse, asset: ServedAsset | null): void {
    if (asset === null || asset.representations.length === 0) {
      this.problem(req, res, null, 404, CdnExceptionCode.ASSET_NOT_FOUND, 'No asset is published at this address.');
      return;
    }
    const plan = planFor(asset);
    const headers = req.headers;
    const chosen = chooseRepresentation(plan, headers.accept, headers['accept-encoding']);
    if (chosen === null) {
      this.problem(req, res, asset.assetId, 406, CdnExceptionCode.NOT_ACCEPTABLE, 'No stored encoding of this asset is acceptable.', ['Vary', 'Accept, Accept-Encoding']);
      return;
    }
    if (isNotModified(req, plan, chosen.representation.etag)) {
      res.writeHead(304, chosen.notModified as string[]);
      res.end();
      this.observe(asset.assetId, 304, chosen, 0);
      return;
    }
    const range = req.method === 'GET' && headers.range !== undefined ? this.rangeOf(req, plan, chosen) : null;
    if (range === 'unsatisfiable') {
      const size = chosen.representation.size;
      this.problem(req, res, asset.assetId, 416, CdnExceptionCode.RANGE_NOT_SATISFIABLE, `The range is outside the ${size} bytes served.`, ['Content-Range', `bytes */${size}`]);
    } else if (range !== null) {
      this.sendPartial(req, res, asset.assetId, chosen, range.start, range.end);
    } else {
      this.sendFull(req, res, asset.assetId, chosen);
    }
  }

  private rangeOf(req: IncomingMessage, plan: AssetPlan, chosen: RepresentationPlan): { start: number; end: number } | 'unsatisfiable' | null {
    const ifRange = req.headers['if-range'];
    if (!ifRangeMatches(typeof ifRange === 'string' ? ifRange : undefined, chosen.representation.etag, plan.lastModified)) {
      return null;
    }
    const request = parseRange(req.headers.range, chosen.representation.size);
    return request.kind === 'full' ? null : request.kind === 'unsatisfiable' ? 'unsatisfiable' : request.range;
  }

  private sendFull(req: IncomingMessage, res: ServerResponse, assetId: string, chosen: RepresentationPlan): void {
    const representation = chosen.representation;
    if (req.method === 'HEAD') {
      res.writeHead(200, chosen.ok as string[]);
      res.end();
      this.observe(assetId, 200, chosen, 0);
      return;
    }
    const cached = this.options.cache.peek(representation.storageKey);
    if (cached !== undefined) {
      res.writeHead(200, chosen.ok as string[]);
      res.end(cached);
      this.observe(assetId, 200, chosen, cached.length);
      return;
    }
    this.sendBody(req, res, assetId, chosen, 200, chosen.ok as string[], 0, representation.size - 1);
  }

  private sendPartial(req: IncomingMessage, res: ServerResponse, assetId: string, chosen: RepresentationPlan, start: number, end: number): void {
    const headers = [...chosen.partial, 'Content-Range', `bytes ${start}-${end}/${chosen.representation.size}`, 'Content-Length', String(end - start + 1)];
    this.sendBody(req, res, assetId, chosen, 206, headers, start, end);
  }

  /** Sends bytes start..end (inclusive) of the representation: sliced from memory when it is cached or cacheable, else streamed. */
  private sendBody(req: IncomingMessage, res: ServerResponse, assetId: string, chosen: RepresentationPlan, status: number, headers: string[], start: number, end: number): void {
    const { cache } = this.options;
    const representation = chosen.representation;
    const whole = start === 0 && end === representation.size - 1;
    if (cache.holds(representation.size)) {
      cache.load(representation).then((body) => {
        if (!res.destroyed) {
          res.writeHead(status, headers);
          res.end(whole ? body : body.subarray(start, end + 1));
          this.observe(assetId, status, chosen, end - start + 1);
        }
      }, (error: unknown) => this.fail(req, res, assetId, error));
      return;
    }
    cache.open(representation, whole ? undefined : { start, end }).then(async (source) => {
      if (res.destroyed) {
        source.destroy();
        return;
      }
      res.writeHead(status, headers);
      const failure = await pipeBody(source, res, end - start + 1);
      this.observe(assetId, status, chosen, failure === null ? end - start + 1 : 0);
      if (failure !== null && (failure as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') {
        this.options.onError?.(failure);
      }
    }, (error: unknown) => this.fail(req, res, assetId, error));
  }

  /** A resolver or storage failure: 404 for a missing object, 503 otherwise; a response already under way is cut. */
  private fail(req: IncomingMessage, res: ServerResponse, assetId: string | null, error: unknown): void {
    if (res.headersSent) {
      res.destroy();
      this.options.onError?.(error);
      return;
    }
    if (error instanceof StorageObjectNotFoundError) {
      this.problem(req, res, assetId, 404, CdnExceptionCode.ASSET_NOT_FOUND, 'No asset is published at this address.');
      return;
    }
    this.options.onError?.(error);
    this.problem(req, res, assetId, 503, CdnExceptionCode.STORAGE_UNAVAILABLE, 'The asset store cannot be reached; try again shortly.', ['Retry-After', '5']);
  }

  private problem(req: IncomingMessage, res: ServerResponse, assetId: string | null, status: number, code: CdnExceptionCode, detail: string, extra: string[] = []): void {
    if (res.destroyed) {
      return;
    }
    const body = JSON.stringify({ type: problemType(code), title: STATUS_CODES[status] ?? 'Error', status, detail, code });
    res.writeHead(status, [
      'Content-Type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`,
      'Content-Length', String(Buffer.byteLength(body)),
      'Cache-Control', 'no-store',
      'X-Content-Type-Options', 'nosniff',
      ...extra,
    ]);
    res.end(req.method === 'HEAD' ? undefined : body);
    this.options.observer?.onServed({ assetId, status, encoding: null, contentType: PROBLEM_CONTENT_TYPE, bytes: req.method === 'HEAD' ? 0 : Buffer.byteLength(body) });
  }

  private observe(assetId: string, status: number, chosen: RepresentationPlan, bytes: number): void {
    this.options.observer?.onServed({ assetId, status, encoding: chosen.representation.encoding, contentType: chosen.representation.contentType, bytes });
  }
}

/** If-None-Match (weak comparison, list or `*`), else If-Modified-Since (RFC 9110 §13.2.2). */
function isNotModified(req: IncomingMessage, plan: AssetPlan, etag: string): boolean {
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifNoneMatch !== undefined) {
    return ifNoneMatch === etag || etagListMatches(ifNoneMatch, etag);
  }
  const ifModifiedSince = req.headers['if-modified-since'];
  if (ifModifiedSince === undefined) {
    return false;
  }
  const since = Date.parse(ifModifiedSince);
  return !Number.isNaN(since) && plan.lastModifiedMs <= since;
}

function etagListMatches(list: string, etag: string): boolean {
  if (list.trim() === '*') {
    return true;
  }
  const opaque = etag.startsWith('W/') ? etag.slice(2) : etag;
  return list.split(',').some((candidate) => {
    const tag = candidate.trim();
    return (tag.startsWith('W/') ? tag.slice(2) : tag) === opaque;
  });
}
