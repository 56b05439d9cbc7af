export { createCdnRequestHandler, splitCdnUrl, type CdnRequestHandler, type CdnRequestHandlerOptions } from './cdn-request-handler.js';
export { EncodedBodyCache, pipeBody, type EncodedBodyCacheOptions } from './encoded-body-cache.js';
export { negotiateEncoding, parseAcceptEncoding } from './negotiate-encoding.js';
export { negotiateImageFormat, type ImageCandidate } from './negotiate-image-format.js';
export { ifRangeMatches, parseRange, type RangeRequest } from './parse-range.js';
export type { AssetResolver, ContentEncoding, Representation, ServeObserver, ServedAsset, ServedResponse } from './served-asset.js';
