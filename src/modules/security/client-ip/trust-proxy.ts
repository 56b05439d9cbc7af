import ipaddr from 'ipaddr.js';

/** What Express' `trust proxy` setting gets: nothing, the nearest N hops, or the proxies at these addresses. */
export type TrustProxySetting = false | number | string[];

/**
 * Parses `TRUST_PROXY` into Express' `trust proxy` value (proxy-addr underneath). Empty or `0` trusts no proxy;
 * a hop count trusts that many; otherwise a comma-separated list of addresses or CIDRs. Trusting every address
 * (`true`, `0.0.0.0/0`, `::/0`) is refused: any client could then choose its own IP with X-Forwarded-For.
 */
export function trustProxySetting(value: string): TrustProxySetting {
  const trimmed = value.trim();
  if (trimmed === '') {
    return false;
  }
  if (/^\d+$/.test(trimmed)) {
    const hops = Number(trimmed);
    return hops === 0 ? false : hops;
  }
  const entries = trimmed
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  for (const entry of entries) {
    if (!isAddressOrCidr(entry)) {
      throw new Error(`TRUST_PROXY: "${entry}" is neither a hop count, an IP address nor a CIDR`);
    }
    if (ipaddr.isValidCIDR(entry) && ipaddr.parseCIDR(entry)[1] === 0) {
      throw new Error(`TRUST_PROXY: "${entry}" would trust every address; name your proxies' addresses or a hop count`);
    }
  }
  return entries;
}

function isAddressOrCidr(entry: string): boolean {
  return ipaddr.isValidCIDR(entry) || ipaddr.isValid(entry);
}
