import { negotiateEncoding } from './negotiate-encoding.js';
import { negotiateImageFormat, type ImageCandidate } from './negotiate-image-format.js';
import type { ContentEncoding, Representation, ServedAsset } from './served-asset.js';

/** Everything about one representation's responses that does not depend on the request, computed once. */
export interface RepresentationPlan {
  representation: Representation;
  /** Raw header list of a 200 (and, with Content-Length replaced, of a 206). */
  ok: readonly string[];
  /** Headers a 206 shares with the 200: all but Content-Length. */
  partial: readonly string[];
  notModified: readonly string[];
}

interface FormatPlan {
  encodings: ContentEncoding[];
  byEncoding: Map<ContentEncoding, RepresentationPlan>;
}

/** A ServedAsset with its negotiation inputs and header values precomputed. */
export interface AssetPlan {
  asset: ServedAsset;
  lastModified: string;
  /** Last-Modified at the second resolution HTTP-dates have, for If-Modified-Since. */
  lastModifiedMs: number;
  /** Image formats (several content types) to negotiate by Accept; null when there is one. */
  formats: ImageCandidate[] | null;
  byType: Map<string, FormatPlan>;
  /** Served when Accept rules out every format: servers conventionally ignore Accept then. */
  fallbackType: string;
}

const plans = new WeakMap<ServedAsset, AssetPlan>();

/** The plan of an asset; resolvers that hand out the same ServedAsset object per hit get it from a WeakMap. */
export function planFor(asset: ServedAsset): AssetPlan {
  let plan = plans.get(asset);
  if (plan === undefined) {
    plan = buildPlan(asset);
    plans.set(asset, plan);
  }
  return plan;
}

/** The representation to answer with, or null when Accept-Encoding rules out every stored encoding (406). */
export function chooseRepresentation(plan: AssetPlan, accept: string | undefined, acceptEncoding: string | undefined): RepresentationPlan | null {
  const type = plan.formats === null ? plan.fallbackType : (negotiateImageFormat(accept, plan.formats) ?? plan.fallbackType);
  const format = plan.byType.get(type);
  if (format === undefined) {
    return null;
  }
  if (format.encodings.length === 1 && format.encodings[0] === 'identity') {
    return format.byEncoding.get('identity') ?? null;
  }
  const encoding = negotiateEncoding(acceptEncoding, format.encodings);
  return encoding === null ? null : (format.byEncoding.get(encoding) ?? null);
}

function buildPlan(asset: ServedAsset): AssetPlan {
  const lastModified = asset.lastModified.toUTCString();
  const vary = varyOf(asset.representations);
  const byType = new Map<string, FormatPlan>();
  const smallest = new Map<string, number>();
  for (const representation of asset.representations) {
    let format = byType.get(representation.contentType);
    if (format === undefined) {
      format = { encodings: [], byEncoding: new Map() };
      byType.set(representation.contentType, format);
    }
    if (!format.byEncoding.has(representation.encoding)) {
      format.encodings.push(representation.encoding);
      format.byEncoding.set(representation.encoding, planRepresentation(representation, asset, lastModified, vary));
    }
    smallest.set(representation.contentType, Math.min(smallest.get(representation.contentType) ?? Infinity, representation.size));
  }
  const formats = byType.size > 1 ? [...smallest].map(([contentType, size]) => ({ contentType, size })) : null;
  return {
    asset,
    lastModified,
    lastModifiedMs: Math.floor(asset.lastModified.getTime() / 1000) * 1000,
    formats,
    byType,
    fallbackType: asset.representations[0]?.contentType ?? '',
  };
}

/** Vary names what selection depended on: Accept when formats differ, Accept-Encoding when any coding is stored. */
function varyOf(representations: readonly Representation[]): string | null {
  const types = new Set(representations.map((representation) => representation.contentType));
  const coded = representations.some((representation) => representation.encoding !== 'identity');
  const fields = [...(types.size > 1 ? ['Accept'] : []), ...(coded ? ['Accept-Encoding'] : [])];
  return fields.length === 0 ? null : fields.join(', ');
}

function planRepresentation(representation: Representation, asset: ServedAsset, lastModified: string, vary: string | null): RepresentationPlan {
  const cacheControl = asset.cacheControl;
  // Cloudflare purges by tag only what arrived with a Cache-Tag header (it strips the header before clients see it).
  const cacheTag = asset.cacheTags === undefined || asset.cacheTags.length === 0 ? [] : ['Cache-Tag', asset.cacheTags.join(',')];
  const shared = [
    'Content-Type', representation.contentType,
    'ETag', representation.etag,
    'Last-Modified', lastModified,
    'Cache-Control', cacheControl,
    'Accept-Ranges', 'bytes',
    'X-Content-Type-Options', 'nosniff',
    ...(representation.encoding === 'identity' ? [] : ['Content-Encoding', representation.encoding]),
    ...(vary === null ? [] : ['Vary', vary]),
    ...cacheTag,
  ];
  return {
    representation,
    ok: Object.freeze([...shared, 'Content-Length', String(representation.size)]),
    partial: Object.freeze(shared),
    notModified: Object.freeze([
      'ETag', representation.etag,
      'Last-Modified', lastModified,
      'Cache-Control', cacheControl,
      ...(vary === null ? [] : ['Vary', vary]),
    ]),
  };
}
