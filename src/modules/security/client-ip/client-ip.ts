import { memoizeByString } from '@app/common';
import type { Request } from 'express';
import ipaddr from 'ipaddr.js';

/** The client address when the socket has none (already closed): one shared bucket, never a fresh one. */
export const UNKNOWN_CLIENT_IP = 'unknown';

/** Stands for "not an IP" among remembered answers, which cannot be undefined; no address normalises to it. */
const NOT_AN_IP = '';

/**
 * The same few addresses arrive again and again (clients, proxies); parsing one cost more than the block check. An
 * IPv6 address with an embedded IPv4 and a zone is about 64 characters; longer text is never remembered.
 */
const normalise = memoizeByString((address) => (ipaddr.isValid(address) ? ipaddr.process(address).toString() : NOT_AN_IP), { longestKey: 64, max: 4_096 });

/** `address` in canonical form, IPv4-mapped IPv6 (`::ffff:1.2.3.4`) as plain IPv4; undefined when it is not an IP. */
export function normaliseIp(address: string | undefined): string | undefined {
  const normalised = address === undefined ? NOT_AN_IP : normalise(address);
  return normalised === NOT_AN_IP ? undefined : normalised;
}

/**
 * Each request's answer, worked out once: the IP block check, the limiter and the audit log each ask, and Express
 * re-reads X-Forwarded-For through proxy-addr on every `req.ip`.
 */
const resolvedIps = new WeakMap<Request, string>();

/**
 * The caller's IP: Express' `req.ip`, which follows X-Forwarded-For only through the proxies `TRUST_PROXY` trusts
 * (see app.setup.ts), normalised. Use this everywhere an IP decides something: limits, blocks, audit.
 */
export function clientIpOf(request: Request): string {
  let ip = resolvedIps.get(request);
  if (ip === undefined) {
    ip = normaliseIp(request.ip) ?? normaliseIp(request.socket?.remoteAddress) ?? UNKNOWN_CLIENT_IP;
    resolvedIps.set(request, ip);
  }
  return ip;
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
