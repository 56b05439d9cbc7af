export { CdnModule } from './cdn.module.js';
export { CdnServingMiddleware } from './cdn-serving.middleware.js';
export { CdnException, CdnExceptionCode } from './cdn.exception.js';
export { AssetStorageHealthIndicator } from './storage/asset-storage.health.js';
