import type { Request } from 'express';
import ipaddr from 'ipaddr.js';

/** The client address when the socket has none (already closed): one shared bucket, never a fresh one. */
export const UNKNOWN_CLIENT_IP = 'unknown';

/** `address` in canonical form, IPv4-mapped IPv6 (`::ffff:1.2.3.4`) as plain IPv4; undefined when it is not an IP. */
export function normaliseIp(address: string | undefined): string | undefined {
  if (address === undefined || !ipaddr.isValid(address)) {
    return undefined;
  }
  return ipaddr.process(address).toString();
}

/**
 * The caller's IP: Express' `req.ip`, which follows X-Forwarded-For only through the proxies `TRUST_PROXY` trusts
 * (see app.setup.ts), normalised. Use this everywhere an IP decides something: limits, blocks, audit.
 */
export function clientIpOf(request: Request): string {
  return normaliseIp(request.ip) ?? normaliseIp(request.socket?.remoteAddress) ?? UNKNOWN_CLIENT_IP;
}

/**
 * The subject a per-IP limit counts: the address for IPv4, its /64 for IPv6, since one IPv6 host usually holds a
 * whole /64 and could otherwise take a fresh limit per address.
 */
export function ipSubject(ip: string): string {
  if (!ipaddr.IPv6.isValid(ip) || ipaddr.IPv4.isValid(ip)) {
    return ip;
  }
  return `${ipaddr.IPv6.networkAddressFromCIDR(`${ip}/64`).toString()}/64`;
}
