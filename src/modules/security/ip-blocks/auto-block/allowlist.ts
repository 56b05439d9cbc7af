import { CidrMatcher } from '../cidr-matcher.js';
import { parseAddress } from '../cidr.util.js';

/**
 * `AUTO_BLOCK_ALLOWLIST`: ranges never blocked automatically (manual blocks still apply to them). Only what is
 * configured: loopback and private ranges are not implied, so list your load balancers and health checkers.
 */
export class Allowlist {
  private readonly matcher: CidrMatcher;

  constructor(cidrs: readonly string[]) {
    const { matcher, rejected } = CidrMatcher.of(cidrs.map((cidr, index) => ({ id: String(index), cidr, expiresAtMs: null })));
    if (rejected.length > 0) {
      throw new Error(`AUTO_BLOCK_ALLOWLIST holds entries that are not CIDRs: ${rejected.map((entry) => entry.cidr).join(', ')}`);
    }
    this.matcher = matcher;
  }

  includes(ip: string): boolean {
    const address = parseAddress(ip);
    return address !== null && this.matcher.matches(address, 0);
  }
}
