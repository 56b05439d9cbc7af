import { forbiddenRange, TargetAllowlist } from './address-policy.js';

describe('forbiddenRange', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.254', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['169.254.0.1', 'link-local'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.127.255.254', 'carrier-grade NAT'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['192.0.2.10', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['240.0.0.1', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fc00::1', 'unique local'],
    ['fd12:3456::1', 'unique local'],
    ['fe80::1', 'link-local'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['64:ff9b::a9fe:a9fe', 'rfc6052'],
    ['2002:7f00:1::', '6to4'],
    ['2001::1', 'teredo'],
    ['2001:db8::1', 'reserved'],
  ])('refuses %s (%s)', (address, kind) => {
    expect(forbiddenRange(address)).toContain(kind);
  });

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '169.255.0.1', '2606:4700:4700::1111', '2a00:1450:4001::200e', '::ffff:8.8.8.8'])(
    'allows the public address %s',
    (address) => {
      expect(forbiddenRange(address)).toBeNull();
    },
  );
});

describe(TargetAllowlist.name, () => {
  describe('allowsAddress', () => {
    it('matches single addresses and CIDRs of either family', () => {
      const allowlist = TargetAllowlist.parse(['10.0.0.0/8', '192.168.1.7', 'fd00::/8', '[::1]']);

      expect(allowlist.allowsAddress('10.20.30.40')).toBe(true);
      expect(allowlist.allowsAddress('192.168.1.7')).toBe(true);
      expect(allowlist.allowsAddress('192.168.1.8')).toBe(false);
      expect(allowlist.allowsAddress('fd12::5')).toBe(true);
      expect(allowlist.allowsAddress('::1')).toBe(true);
      expect(allowlist.allowsAddress('127.0.0.1')).toBe(false);
    });

    it('matches an IPv4-mapped IPv6 address against IPv4 entries, and mapped entries against IPv4 addresses', () => {
      const allowlist = TargetAllowlist.parse(['127.0.0.1', '::ffff:10.0.0.0/104']);

      expect(allowlist.allowsAddress('::ffff:127.0.0.1')).toBe(true);
      expect(allowlist.allowsAddress('10.9.9.9')).toBe(true);
      expect(allowlist.allowsAddress('11.0.0.1')).toBe(false);
    });
  });

  describe('allowsHost', () => {
    it('matches hostnames exactly, ignoring case and a trailing dot', () => {
      const allowlist = TargetAllowlist.parse([' Receiver.Internal ', '', 'hooks.local.']);

      expect(allowlist.allowsHost('receiver.internal')).toBe(true);
      expect(allowlist.allowsHost('RECEIVER.internal.')).toBe(true);
      expect(allowlist.allowsHost('hooks.local')).toBe(true);
      expect(allowlist.allowsHost('evil.receiver.internal')).toBe(false);
      expect(allowlist.allowsHost('receiver.internal.evil.com')).toBe(false);
    });
  });

  describe('parse', () => {
    it('refuses a malformed CIDR instead of allowing nothing', () => {
      expect(() => TargetAllowlist.parse(['10.0.0.0/33'])).toThrow('MONITORING_WEBHOOK_ALLOWLIST: "10.0.0.0/33" is not a valid CIDR');
    });
  });
});
