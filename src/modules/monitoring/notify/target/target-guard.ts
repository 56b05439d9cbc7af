import { AppConfig } from '@app/config';
import { Injectable } from '@nestjs/common';
import { isIP } from 'node:net';

import { MonitoringException, MonitoringExceptionCode } from '../../monitoring.exception.js';
import { forbiddenRange, normaliseHost, TargetAllowlist } from './address-policy.js';
import { HostResolver, type ResolvedAddress } from './host-resolver.js';

/** A webhook URL that passed the checks, with the addresses it was checked at: the only ones to connect to. */
export interface CheckedUrl {
  url: URL;
  addresses: ResolvedAddress[];
}

/** Simple on purpose: one mailbox, no display name, no comments, nothing that could end a header line. */
const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const MAX_EMAIL_LENGTH = 254;
export const MAX_EMAIL_RECIPIENTS = 50;

/**
 * The SSRF gate for channel targets. Errors name what is wrong but never echo the URL: Slack and Discord webhook
 * URLs are credentials, and resolved addresses would let a caller map internal DNS.
 */
@Injectable()
export class TargetGuard {
  private readonly allowlist: TargetAllowlist;

  constructor(
    config: AppConfig,
    private readonly resolver: HostResolver,
  ) {
    this.allowlist = TargetAllowlist.parse(config.monitoring.webhookAllowlist);
  }

  /**
   * Checks an http(s) target and resolves it once. `unresolved` is the code for a host that does not resolve:
   * refused when a channel is saved, a failed delivery (maybe transient) when sending.
   */
  async checkUrl(raw: string, unresolved: MonitoringExceptionCode): Promise<CheckedUrl> {
    const url = parseUrl(raw);
    // The WHATWG parser already turned decimal, hex and octal IPv4 forms into dotted quads, so isIP sees them.
    const host = normaliseHost(url.hostname.replace(/^\[(.*)\]$/, '$1'));
    const literal = isIP(host);
    const addresses = literal !== 0 ? [{ address: host, family: literal as 4 | 6 }] : await this.resolve(host, unresolved);
    if (!this.allowlist.allowsHost(host)) {
      for (const { address } of addresses) {
        const range = forbiddenRange(address);
        if (range !== null && !this.allowlist.allowsAddress(address)) {
          throw forbidden(`The target host resolves to ${range}; add the host, address or a CIDR to MONITORING_WEBHOOK_ALLOWLIST to allow it.`);
        }
      }
    }
    return { url, addresses };
  }

  checkEmailRecipients(to: readonly string[]): void {
    if (to.length === 0) {
      throw forbidden('An email target needs at least one recipient.');
    }
    if (to.length > MAX_EMAIL_RECIPIENTS) {
      throw forbidden(`An email target takes at most ${MAX_EMAIL_RECIPIENTS} recipients.`);
    }
    const bad = to.findIndex((address) => address.length > MAX_EMAIL_LENGTH || !EMAIL.test(address));
    if (bad !== -1) {
      throw forbidden(`Recipient ${bad + 1} is not a plain email address (local@domain, no name, no line breaks).`);
    }
  }

  private async resolve(host: string, unresolved: MonitoringExceptionCode): Promise<ResolvedAddress[]> {
    let addresses: ResolvedAddress[] = [];
    try {
      addresses = await this.resolver.resolve(host);
    } catch {
      // Fall through: the resolver's error names the host, which the detail below need not repeat.
    }
    if (addresses.length === 0) {
      throw new MonitoringException(unresolved, 'The target host does not resolve to any address.');
    }
    return addresses;
  }
}

function parseUrl(raw: string): URL {
  if (!URL.canParse(raw)) {
    throw forbidden('The target is not a valid absolute URL.');
  }
  const url = new URL(raw);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw forbidden(`The target URL must be http or https, not ${url.protocol.replace(/:$/, '')}.`);
  }
  if (url.username !== '' || url.password !== '') {
    throw forbidden('The target URL must not carry credentials; use the bearer token field for webhooks.');
  }
  return url;
}

function forbidden(detail: string): MonitoringException {
  return new MonitoringException(MonitoringExceptionCode.FORBIDDEN_TARGET, detail);
}
