import ipaddr from 'ipaddr.js';
import { isIP } from 'node:net';

/** What ipaddr.js calls a range, as a reader of an error wants it named. */
const RANGE_NAMES: Record<string, string> = {
  loopback: 'a loopback address',
  private: 'a private (RFC 1918) address',
  uniqueLocal: 'a unique local (fc00::/7) address',
  linkLocal: 'a link-local address (169.254.0.0/16, fe80::/10; cloud metadata lives here)',
  unspecified: 'an unspecified address',
  carrierGradeNat: 'a carrier-grade NAT (100.64.0.0/10) address',
  multicast: 'a multicast address',
  broadcast: 'a broadcast address',
};

/**
 * Null for a public unicast address, else what the address is. Only ipaddr.js's `unicast` passes: besides the
 * ranges named above this also refuses reserved, benchmarking and documentation space and the IPv6 forms that carry
 * an IPv4 address inside (NAT64 64:ff9b::/96, 6to4, Teredo, IPv4-translated), which could reach an internal IPv4
 * host. IPv4-mapped IPv6 (`::ffff:127.0.0.1`) is judged as the IPv4 address it maps.
 */
export function forbiddenRange(address: string): string | null {
  const range = ipaddr.process(address).range();
  return range === 'unicast' ? null : (RANGE_NAMES[range] ?? `a reserved address (${range})`);
}

type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** `MONITORING_WEBHOOK_ALLOWLIST`: hostnames, addresses and CIDRs that may be reached although not public. */
export class TargetAllowlist {
  private constructor(
    private readonly hosts: ReadonlySet<string>,
    private readonly ranges: readonly Cidr[],
  ) {}

  /** Throws on a malformed CIDR, so a typo fails the boot instead of silently allowing nothing. */
  static parse(entries: readonly string[]): TargetAllowlist {
    const hosts = new Set<string>();
    const ranges: Cidr[] = [];
    for (const raw of entries.map((entry) => entry.trim()).filter((entry) => entry !== '')) {
      const entry = raw.replace(/^\[(.*)\]$/, '$1');
      if (entry.includes('/')) {
        ranges.push(parseRange(entry));
      } else if (isIP(entry) !== 0) {
        const address = ipaddr.process(entry);
        ranges.push([address, address.kind() === 'ipv4' ? 32 : 128]);
      } else {
        hosts.add(normaliseHost(entry));
      }
    }
    return new TargetAllowlist(hosts, ranges);
  }

  allowsHost(host: string): boolean {
    return this.hosts.has(normaliseHost(host));
  }

  allowsAddress(address: string): boolean {
    const parsed = ipaddr.process(address);
    return this.ranges.some(([network, bits]) => network.kind() === parsed.kind() && parsed.match(network, bits));
  }
}

function parseRange(entry: string): Cidr {
  try {
    const [network, bits] = ipaddr.parseCIDR(entry);
    // `::ffff:10.0.0.0/104` names IPv4 space; compare it as IPv4 like the addresses it will be matched against.
    if (network.kind() === 'ipv6' && (network as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96) {
      return [(network as ipaddr.IPv6).toIPv4Address(), bits - 96];
    }
    return [network, bits];
  } catch {
    throw new Error(`MONITORING_WEBHOOK_ALLOWLIST: "${entry}" is not a valid CIDR`);
  }
}

export function normaliseHost(host: string): string {
  return host.toLowerCase().replace(/\.$/, '');
}
