import { Injectable, Logger } from '@nestjs/common';

import { CidrMatcher, type MatcherEntry } from './cidr-matcher.js';
import { parseAddress } from './cidr.util.js';
import { Clock } from './clock.js';
import type { IpBlock } from './ip-block.js';

type Change = { kind: 'add'; entry: MatcherEntry } | { kind: 'remove'; id: string };

function entryOf(block: IpBlock): MatcherEntry {
  return { id: block.id, cidr: block.cidr, expiresAtMs: block.expiresAt?.getTime() ?? null };
}

function applyTo(matcher: CidrMatcher, change: Change): void {
  if (change.kind === 'add') {
    matcher.add(change.entry);
  } else {
    matcher.remove(change.id);
  }
}

/**
 * This instance's view of the block list, consulted on every request. Changes apply at once; a full reload
 * builds a new matcher beside the live one and swaps it in, replaying changes that arrived while the reload was
 * reading (its snapshot may predate them).
 */
@Injectable()
export class IpBlockList {
  private readonly logger = new Logger(IpBlockList.name);
  private matcher = new CidrMatcher();
  private readonly journals = new Set<Change[]>();

  constructor(private readonly clock: Clock) {}

  get size(): number {
    return this.matcher.size;
  }

  /** Whether requests from `ip` are refused now. Unparseable addresses are not blocked (there is nothing to match). */
  isBlocked(ip: string): boolean {
    // Most of the time nothing is blocked: then no request pays for parsing its address.
    if (this.matcher.size === 0) {
      return false;
    }
    const address = parseAddress(ip);
    return address !== null && this.matcher.matches(address, this.clock.now());
  }

  add(block: IpBlock): void {
    this.apply({ kind: 'add', entry: entryOf(block) });
  }

  remove(id: string): void {
    this.apply({ kind: 'remove', id });
  }

  /** Replaces the whole list with what `load` returns; if `load` fails, the current list stays. */
  async reload(load: () => Promise<IpBlock[]>): Promise<void> {
    const journal: Change[] = [];
    this.journals.add(journal);
    try {
      const { matcher, rejected } = CidrMatcher.of((await load()).map(entryOf));
      for (const entry of rejected) {
        this.logger.warn(`IP block ${entry.id} has an unusable CIDR (${entry.cidr}); ignored`);
      }
      journal.forEach((change) => applyTo(matcher, change));
      this.matcher = matcher;
    } finally {
      this.journals.delete(journal);
    }
  }

  private apply(change: Change): void {
    applyTo(this.matcher, change);
    this.journals.forEach((journal) => journal.push(change));
  }
}
