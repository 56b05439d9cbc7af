import type { AppConfig } from '@app/config';
import type { Request } from 'express';

import { principalKey, principalOf, type Principal } from '../auth/principal.js';
import { clientIpOf, ipSubject } from '../client-ip/client-ip.js';

/** Requests per window for this principal: its tier's limit, the anonymous limit for callers without credentials. */
export function limitFor(principal: Principal, limits: AppConfig['rateLimit']['limits']): number {
  return principal.kind === 'anonymous' ? limits.anonymous : limits[principal.tier];
}

/** Whose budget a request spends: `key:<id>`, `user:<id>`, or `ip:<address>` (`ip:<prefix>/64` for IPv6). */
export function trackerOf(request: Request): string {
  return principalKey(principalOf(request)) ?? `ip:${ipSubject(clientIpOf(request))}`;
}
