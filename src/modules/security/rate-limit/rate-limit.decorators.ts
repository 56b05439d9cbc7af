import { applyDecorators, SetMetadata } from '@nestjs/common';
import { SkipThrottle, Throttle } from '@nestjs/throttler';

export const RATE_LIMIT_OVERRIDE_KEY = 'bulwark:rateLimitOverride';

/**
 * A route's (or controller's) own limit, for everyone who calls it, in a bucket of its own (the caller's tier
 * budget is neither spent nor consulted there): e.g. a stricter one on an expensive endpoint.
 */
export const RateLimit = (options: { limit: number; windowMs: number }): MethodDecorator & ClassDecorator =>
  applyDecorators(Throttle({ default: { limit: options.limit, ttl: options.windowMs } }), SetMetadata(RATE_LIMIT_OVERRIDE_KEY, true));

/** Never limited: probes, /metrics. Same as @nestjs/throttler's `@SkipThrottle()`, which also works. */
export const SkipRateLimit = (): MethodDecorator & ClassDecorator => SkipThrottle();
