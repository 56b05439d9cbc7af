import { classifyIpv4, classifyIpv6, parseIpv4 } from './ip-address.js';

describe('parseIpv4', () => {
  it.each([
    ['127.0.0.1', 0x7f000001, true],
    ['127.1', 0x7f000001, false],
    ['2130706433', 0x7f000001, false],
    ['0x7f000001', 0x7f000001, false],
    ['0177.0.0.1', 0x7f000001, false],
    ['0x7f.0.0.1', 0x7f000001, false],
    ['10.0.0.1', 0x0a000001, true],
  ])('reads %j as %d (canonical %s)', (host, value, canonical) => {
    expect(parseIpv4(host)).toEqual({ value, canonical });
  });

  it.each(['example.com', '256.1.1.1', '1.2.3.4.5', '1..2', '4294967296', '09.1.1.1'])('rejects %j', (host) => {
    expect(parseIpv4(host)).toBeNull();
  });
});

describe('classify', () => {
  it('names the ranges SSRF aims at', () => {
    expect(classifyIpv4(0x7f000001)).toBe('loopback');
    expect(classifyIpv4(0)).toBe('unspecified');
    expect(classifyIpv4(0xa9fea9fe)).toBe('link-local');
    expect(classifyIpv4(0x646464c8)).toBe('metadata');
    expect(classifyIpv4(0xc0a80001)).toBe('private');
    expect(classifyIpv4(0x08080808)).toBe('public');
    expect(classifyIpv6('[::1]')).toBe('loopback');
    expect(classifyIpv6('[::]')).toBe('unspecified');
    expect(classifyIpv6('[::ffff:169.254.169.254]')).toBe('link-local');
    expect(classifyIpv6('[fd00:ec2::254]')).toBe('metadata');
    expect(classifyIpv6('[2001:db8::1]')).toBe('public');
    expect(classifyIpv6('example.com')).toBeNull();
  });
});
