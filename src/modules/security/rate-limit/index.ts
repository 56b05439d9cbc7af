export { RateLimit, SkipRateLimit } from './rate-limit.decorators.js';
export { RateLimitGuard } from './rate-limit.guard.js';
export { RateLimitModule } from './rate-limit.module.js';
