export { CloudflarePurger, type CloudflarePurgerOptions } from './cloudflare-purger.js';
export { CloudFrontPurger, type CloudFrontPurgeRequest, type CloudFrontPurgerOptions } from './cloudfront-purger.js';
export { EdgePurgeError, type EdgeName, type EdgePurgeRequest, type EdgePurgeResult, type EdgePurger, EdgeRateLimitedError } from './edge-purger.js';
export { createEdgePurgers } from './edge-purgers.factory.js';
