import { Injectable } from '@nestjs/common';
import { lookup } from 'node:dns/promises';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Name resolution, behind an adapter so the target checks can be tested with any DNS answer. */
export abstract class HostResolver {
  /** Every address the host resolves to; rejects when it resolves to none. */
  abstract resolve(host: string): Promise<ResolvedAddress[]>;
}

/** The system resolver, as connections would use it (`getaddrinfo`, so /etc/hosts counts too). */
@Injectable()
export class DnsHostResolver extends HostResolver {
  async resolve(host: string): Promise<ResolvedAddress[]> {
    const answers = await lookup(host, { all: true, order: 'verbatim' });
    return answers.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
  }
}
