import { networkOf, parseAddress, parseCidr } from './cidr.util.js';

describe('parseCidr', () => {
  it.each([
    ['10.1.2.3/8', '10.0.0.0/8'],
    ['192.0.2.77', '192.0.2.77/32'],
    ['192.0.2.77/32', '192.0.2.77/32'],
    ['0.0.0.0/0', '0.0.0.0/0'],
    ['255.255.255.255/1', '128.0.0.0/1'],
    ['203.0.113.200/25', '203.0.113.128/25'],
    ['2001:DB8:0:0:0:0:0:1/32', '2001:db8::/32'],
    ['2001:db8::1', '2001:db8::1/128'],
    ['2001:db8:ffff:ffff::/48', '2001:db8:ffff::/48'],
    ['::/0', '::/0'],
    ['::1', '::1/128'],
    ['::ffff:192.0.2.7', '192.0.2.7/32'],
    ['::ffff:192.0.2.7/120', '192.0.2.0/24'],
    ['::ffff:0:0/96', '0.0.0.0/0'],
    ['::ffff:192.0.2.7/80', '::/80'],
  ])('normalises %s to %s', (input, expected) => {
    expect(parseCidr(input)?.text).toBe(expected);
  });

  it('keeps the family and prefix of what it parsed', () => {
    expect(parseCidr('10.9.8.7/16')).toEqual({ family: 4, value: 0x0a090000, prefix: 16, text: '10.9.0.0/16' });
    expect(parseCidr('2001:db8::/32')).toMatchObject({ family: 6, prefix: 32, value: 0x20010db8n << 96n });
  });

  it.each([
    ['an empty string', ''],
    ['garbage', 'not-an-ip'],
    ['a prefix too long for IPv4', '10.0.0.0/33'],
    ['a prefix too long for IPv6', '2001:db8::/129'],
    ['a negative prefix', '10.0.0.0/-1'],
    ['a signed prefix', '10.0.0.0/+8'],
    ['an empty prefix', '10.0.0.0/'],
    ['two slashes', '10.0.0.0/8/8'],
    ['a short IPv4 form', '10.1'],
    ['an octal-looking octet', '010.0.0.1'],
    ['a hex IPv4', '0x0a.0.0.1'],
    ['an octet over 255', '256.0.0.1'],
    ['five octets', '1.2.3.4.5'],
    ['a trailing dot', '1.2.3.'],
    ['a signed octet', '+1.2.3.4'],
    ['a double zero octet', '00.1.2.3'],
    ['a four-digit octet', '1000.1.2.3'],
    ['a zone id', 'fe80::1%eth0/64'],
    ['a double ::', '1::2::3'],
    ['surrounding spaces', ' 10.0.0.0/8'],
    ['a hostname', 'example.com/24'],
    ['an over-long input', `${'1'.repeat(70)}/8`],
  ])('rejects %s', (_label, input) => {
    expect(parseCidr(input)).toBeNull();
  });
});

describe('parseAddress', () => {
  it('reads IPv4-mapped IPv6 as the IPv4 address', () => {
    expect(parseAddress('::ffff:198.51.100.9')).toEqual(parseAddress('198.51.100.9'));
    expect(parseAddress('::ffff:c633:6409')).toEqual({ family: 4, value: 0xc6336409 });
  });

  it('keeps other IPv6 addresses as 128-bit values', () => {
    expect(parseAddress('::1')).toEqual({ family: 6, value: 1n });
    expect(parseAddress('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff')).toEqual({ family: 6, value: (1n << 128n) - 1n });
  });

  it('returns null for non-addresses and CIDRs', () => {
    expect(parseAddress('unknown')).toBeNull();
    expect(parseAddress('10.0.0.0/8')).toBeNull();
  });
});

describe('networkOf', () => {
  it('clears host bits for every IPv4 prefix length, /0 and /32 included', () => {
    const address = { family: 4 as const, value: 0xffffffff };
    expect(networkOf(address, 0).value).toBe(0);
    expect(networkOf(address, 1).value).toBe(0x80000000);
    expect(networkOf(address, 31).value).toBe(0xfffffffe);
    expect(networkOf(address, 32).value).toBe(0xffffffff);
  });

  it('clears host bits for IPv6 prefixes, /0 and /128 included', () => {
    const all = (1n << 128n) - 1n;
    expect(networkOf({ family: 6, value: all }, 0).value).toBe(0n);
    expect(networkOf({ family: 6, value: all }, 64).value).toBe(all - ((1n << 64n) - 1n));
    expect(networkOf({ family: 6, value: all }, 128).value).toBe(all);
  });
});
