import type { Rule } from '../rule-kit.js';
import { classifyIpv4, classifyIpv6, type Ipv4Class, parseIpv4 } from './ip-address.js';
import { confusedHost, SMUGGLING_SCHEMES, type UrlTarget, urlTarget } from './url-host.js';

const INTERNAL_NAMES = new Set([
  'localhost', 'localhost.localdomain', 'localhost4', 'localhost4.localdomain4', 'localhost6', 'localhost6.localdomain6',
  'ip6-localhost', 'ip6-loopback', 'ipv6-localhost', 'ipv6-loopback', 'host.docker.internal', 'gateway.docker.internal',
  'kubernetes.docker.internal', 'host.containers.internal', 'metadata.google.internal', 'metadata', 'metadata.packet.net',
  'instance-data', 'instance-data.ec2.internal', 'localtest.me', 'lvh.me', 'vcap.me', 'localh.st', 'kubernetes.default', 'kubernetes.default.svc',
  'kubernetes.default.svc.cluster.local',
]);

const STRONG: ReadonlySet<Ipv4Class> = new Set(['loopback', 'unspecified', 'link-local', 'metadata']);

/**
 * A URL or host value aimed at the server's own network: loopback in any spelling (`127.1`, `2130706433`,
 * `0x7f000001`, `[::ffff:127.0.0.1]`), cloud metadata, internal names, and protocol-smuggling schemes.
 * Only values that are URLs or hosts are read, so prose mentioning localhost is not a target.
 */
export const ssrfTargetRule: Rule = {
  id: 'other-030',
  kind: 'ssrf',
  severity: 'critical',
  paranoia: 1,
  find(form) {
    const target = urlTarget(form);
    if (target === null) {
      return null;
    }
    if (target.scheme !== null && SMUGGLING_SCHEMES.has(target.scheme)) {
      return form.trim().slice(0, 48);
    }
    const confused = confusedHost(form);
    if (confused !== null && internalTarget({ ...target, host: confused }) !== null) {
      return confused;
    }
    return internalTarget(target);
  },
};

function internalTarget(target: UrlTarget): string | null {
  const { host } = target;
  if (isInternalName(host) && target.qualified) {
    return host;
  }
  const v6 = classifyIpv6(host);
  if (v6 !== null && STRONG.has(v6)) {
    return host;
  }
  if (target.qualified && isOverflowedNumber(host)) {
    return host;
  }
  const v4 = parseIpv4(host);
  if (v4 === null) {
    return null;
  }
  const v4Class = classifyIpv4(v4.value);
  // A bare loopback address is as often a setting as a target; metadata addresses never are.
  if (!target.qualified && v4Class !== 'metadata' && v4Class !== 'link-local') {
    return null;
  }
  if (target.scheme === null && host.split('.').length !== 4) {
    return null;
  }
  return STRONG.has(v4Class) || !v4.canonical ? host : null;
}

/** URLs to private networks: internal, though webhooks to them can be legitimate. */
export const privateTargetRule: Rule = {
  id: 'other-031',
  kind: 'ssrf',
  severity: 'warning',
  paranoia: 2,
  find(form) {
    const target = urlTarget(form);
    if (target === null || !target.qualified) {
      return null;
    }
    const v4 = parseIpv4(target.host);
    const cls = v4 === null ? classifyIpv6(target.host) : classifyIpv4(v4.value);
    return cls === 'private' ? target.host : null;
  },
};

export function isInternalName(host: string): boolean {
  if (INTERNAL_NAMES.has(host) || host.endsWith('.localhost') || host.endsWith('.localtest.me') || host.endsWith('.lvh.me') || host.endsWith('.vcap.me')) {
    return true;
  }
  const wildcardDns = /^([0-9.]+)\.(nip|sslip|xip)\.io$/.exec(host);
  const embedded = wildcardDns?.[1] === undefined ? null : parseIpv4(wildcardDns[1]);
  return embedded !== null && STRONG.has(classifyIpv4(embedded.value));
}

/**
 * A dotless host past 32 bits (`7147006462`, `0x41414141A9FEA9FE`): parsers that keep the low 32 bits reach an
 * address no filter saw. No real host is written that way.
 */
function isOverflowedNumber(host: string): boolean {
  if (/^0x[0-9a-f]{9,16}$/.test(host)) {
    return true;
  }
  return /^[0-9]{10,20}$/.test(host) && Number(host) > 0xffffffff;
}
