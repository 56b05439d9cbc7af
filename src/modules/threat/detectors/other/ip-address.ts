/**
 * IPv4 the way `inet_aton` (and so most HTTP clients) reads it: one to four parts, each decimal, `0x` hex or
 * leading-zero octal, the last part filling the remaining bytes. `127.1`, `2130706433`, `0x7f000001`,
 * `0177.0.0.1` are all 127.0.0.1. Returns the address and whether it was written the ordinary way.
 */
export function parseIpv4(host: string): { value: number; canonical: boolean } | null {
  const parts = host.split('.');
  if (parts.length > 4 || parts.some((p) => p === '')) {
    return null;
  }
  const numbers: number[] = [];
  for (const part of parts) {
    const n = parsePart(part);
    if (n === null) {
      return null;
    }
    numbers.push(n);
  }
  let value = 0;
  for (let i = 0; i < numbers.length - 1; i++) {
    const n = numbers[i] ?? 0;
    if (n > 255) {
      return null;
    }
    value = value * 256 + n;
  }
  const last = numbers[numbers.length - 1] ?? 0;
  const remaining = 5 - numbers.length;
  if (last >= 256 ** remaining) {
    return null;
  }
  value = value * 256 ** remaining + last;
  const canonical = parts.length === 4 && parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p));
  return { value, canonical };
}

function parsePart(part: string): number | null {
  if (/^0x[0-9a-f]{0,8}$/i.test(part)) {
    return part.length === 2 ? 0 : Number.parseInt(part.slice(2), 16);
  }
  if (/^0[0-7]{1,11}$/.test(part)) {
    return Number.parseInt(part, 8);
  }
  return /^(0|[1-9][0-9]{0,9})$/.test(part) ? Number(part) : null;
}

export type Ipv4Class = 'loopback' | 'unspecified' | 'link-local' | 'metadata' | 'private' | 'public';

export function classifyIpv4(value: number): Ipv4Class {
  const a = Math.floor(value / 2 ** 24);
  const b = Math.floor(value / 2 ** 16) % 256;
  if (value === 0x646464c8 || value === 0xc00000c0) {
    return 'metadata';
  }
  if (a === 127) {
    return 'loopback';
  }
  if (a === 0) {
    return 'unspecified';
  }
  if (a === 169 && b === 254) {
    return 'link-local';
  }
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127)) {
    return 'private';
  }
  return 'public';
}

/** `[::1]`, `[::]`, `[::ffff:127.0.0.1]`, `[::ffff:7f00:1]`, `[fe80::1]`, `[fd00:ec2::254]` as an IPv4 class. */
export function classifyIpv6(host: string): Ipv4Class | null {
  if (!host.startsWith('[') || !host.endsWith(']')) {
    return null;
  }
  const ip = host.slice(1, -1).split('%')[0] ?? '';
  if (!/^[0-9a-f:.]+$/.test(ip) || !ip.includes(':')) {
    return null;
  }
  if (ip === 'fd00:ec2::254') {
    return 'metadata';
  }
  if (ip.startsWith('fe80:')) {
    return 'link-local';
  }
  if (/^f[cd][0-9a-f]{2}:/.test(ip)) {
    return 'private';
  }
  const tail = ip.slice(ip.lastIndexOf(':') + 1);
  if (tail.includes('.')) {
    const v4 = parseIpv4(tail);
    return v4 === null ? null : classifyIpv4(v4.value);
  }
  const groups = ip.split(':').filter((g) => g !== '');
  const numbers = groups.map((g) => Number.parseInt(g, 16));
  if (numbers.every((n) => n === 0)) {
    return 'unspecified';
  }
  if (numbers.slice(0, -1).every((n) => n === 0) && numbers[numbers.length - 1] === 1) {
    return 'loopback';
  }
  const ffff = numbers.indexOf(0xffff);
  if (ffff >= 0 && ffff === numbers.length - 3 && numbers.slice(0, ffff).every((n) => n === 0)) {
    return classifyIpv4((numbers[ffff + 1] ?? 0) * 65536 + (numbers[ffff + 2] ?? 0));
  }
  return 'public';
}
