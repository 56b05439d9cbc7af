import type { Request } from 'express';

import { clientIpOf } from '../client-ip/index.js';

/** The caller's address as the block list sees it: the TRUST_PROXY-aware client IP, IPv4-mapped IPv6 as IPv4. */
export function requestIpOf(request: Request): string {
  return clientIpOf(request);
}
