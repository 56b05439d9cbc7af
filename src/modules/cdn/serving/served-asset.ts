export type ContentEncoding = 'br' | 'gzip' | 'identity';

/** One stored form of an asset that a request can be answered with. */
export interface Representation {
  /** Where its bytes are in AssetStorage. */
  storageKey: string;
  /** Media type of the decoded body (`image/webp`, `text/css; charset=utf-8`, …). */
  contentType: string;
  encoding: ContentEncoding;
  size: number;
  /** Strong, quoted ETag of exactly these bytes, e.g. `"<sha256 hex prefix>"`. */
  etag: string;
}

/** What a `/cdn/*` path resolves to: everything the serving path needs, without touching PostgreSQL per request. */
export interface ServedAsset {
  assetId: string;
  /** Every (media type × encoding) it may be served as; image format variants differ by contentType. */
  representations: readonly Representation[];
  lastModified: Date;
  /** `public, max-age=31536000, immutable` for content-hashed URLs; a short max-age for aliases. */
  cacheControl: string;
  /** Sent as `Cache-Tag` so edges that purge by tag (Cloudflare) can find the response. */
  cacheTags?: readonly string[];
}

/**
 * Turns the part of a URL after `/cdn/` (path and raw query, e.g. `3f2a…/app.js` or `latest/logo.png`, `w=320`) into
 * the asset to serve, or null (404). Implementations answer hot paths from memory.
 */
export interface AssetResolver {
  resolve(path: string, query: string): ServedAsset | null | Promise<ServedAsset | null>;
}

/** What one served response was, for stats and metrics. */
export interface ServedResponse {
  assetId: string | null;
  status: number;
  encoding: ContentEncoding | null;
  contentType: string | null;
  /** Body bytes written (0 for HEAD and 304). */
  bytes: number;
}

export interface ServeObserver {
  onServed(response: ServedResponse): void;
}
