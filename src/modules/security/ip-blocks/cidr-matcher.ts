import { parseCidr, type Address, type Network } from './cidr.util.js';

/** One entry of the matcher: a network, the block it came from, and when it stops matching (ms, or never). */
export interface MatcherEntry {
  id: string;
  cidr: string;
  expiresAtMs: number | null;
}

type Key = number | bigint;
/** Per prefix length: the network's leading bits → (entry id → expiry in ms). */
type FamilyIndex = Map<number, Map<Key, Map<string, number>>>;

interface Placement {
  family: 4 | 6;
  prefix: number;
  key: Key;
}

/** The leading `prefix` bits of `address`, as the key of that prefix length's table. */
function keyOf(address: Address, prefix: number): Key {
  if (address.family === 4) {
    return prefix === 0 ? 0 : address.value >>> (32 - prefix);
  }
  return address.value >> BigInt(128 - prefix);
}

/**
 * CIDR lookup whose cost does not grow with the number of entries: per address family, one hash table per prefix
 * length in use, so a lookup masks the address once per distinct prefix length (at most 33 or 129) whatever the
 * entry count. Several entries may share a network (a manual and an automatic block); the address matches while
 * any of them is unexpired, checked against `nowMs` on each lookup so expired entries stop matching without a
 * reload.
 */
export class CidrMatcher {
  private readonly families: Record<4 | 6, FamilyIndex> = { 4: new Map(), 6: new Map() };
  private readonly placements = new Map<string, Placement>();

  /** A matcher holding `entries`; entries whose CIDR does not parse are skipped and returned in `rejected`. */
  static of(entries: Iterable<MatcherEntry>): { matcher: CidrMatcher; rejected: MatcherEntry[] } {
    const matcher = new CidrMatcher();
    const rejected = [...entries].filter((entry) => !matcher.add(entry));
    return { matcher, rejected };
  }

  get size(): number {
    return this.placements.size;
  }

  /** Adds (or replaces, by id) an entry; false when its CIDR does not parse. */
  add(entry: MatcherEntry): boolean {
    const network: Network | null = parseCidr(entry.cidr);
    if (network === null) {
      return false;
    }
    this.remove(entry.id);
    const placement: Placement = { family: network.family, prefix: network.prefix, key: keyOf(network, network.prefix) };
    const byPrefix = this.families[placement.family];
    const table = byPrefix.get(placement.prefix) ?? new Map<Key, Map<string, number>>();
    byPrefix.set(placement.prefix, table);
    const ids = table.get(placement.key) ?? new Map<string, number>();
    table.set(placement.key, ids);
    ids.set(entry.id, entry.expiresAtMs ?? Number.POSITIVE_INFINITY);
    this.placements.set(entry.id, placement);
    return true;
  }

  /** Removes the entry with `id`; unknown ids are ignored (removals arrive from other instances too). */
  remove(id: string): void {
    const placement = this.placements.get(id);
    if (!placement) {
      return;
    }
    this.placements.delete(id);
    const byPrefix = this.families[placement.family];
    const table = byPrefix.get(placement.prefix);
    const ids = table?.get(placement.key);
    ids?.delete(id);
    // Empty tables are dropped so lookups only visit prefix lengths that still have entries.
    if (ids?.size === 0) {
      table!.delete(placement.key);
    }
    if (table?.size === 0) {
      byPrefix.delete(placement.prefix);
    }
  }

  /** Whether `address` lies in an entry that has not expired at `nowMs`. */
  matches(address: Address, nowMs: number): boolean {
    for (const [prefix, table] of this.families[address.family]) {
      const ids = table.get(keyOf(address, prefix));
      if (ids) {
        for (const expiresAtMs of ids.values()) {
          if (expiresAtMs > nowMs) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
