import { CidrMatcher, type MatcherEntry } from './cidr-matcher.js';
import { parseAddress, type Address } from './cidr.util.js';

const NOW = Date.UTC(2026, 0, 1);

function address(text: string): Address {
  const parsed = parseAddress(text);
  if (!parsed) {
    throw new Error(`test address ${text} does not parse`);
  }
  return parsed;
}

function matcherOf(...entries: Array<[string, string, number?]>): CidrMatcher {
  const { matcher, rejected } = CidrMatcher.of(entries.map(([id, cidr, expiresAtMs]): MatcherEntry => ({ id, cidr, expiresAtMs: expiresAtMs ?? null })));
  expect(rejected).toEqual([]);
  return matcher;
}

const matches = (matcher: CidrMatcher, ip: string, now = NOW): boolean => matcher.matches(address(ip), now);

describe(CidrMatcher.name, () => {
  describe('IPv4', () => {
    const matcher = matcherOf(['net', '203.0.113.0/24'], ['host', '198.51.100.7/32'], ['wide', '10.0.0.0/8']);

    it('matches addresses inside a network and only those', () => {
      expect(matches(matcher, '203.0.113.0')).toBe(true);
      expect(matches(matcher, '203.0.113.255')).toBe(true);
      expect(matches(matcher, '203.0.112.255')).toBe(false);
      expect(matches(matcher, '203.0.114.0')).toBe(false);
    });

    it('matches a /32 exactly', () => {
      expect(matches(matcher, '198.51.100.7')).toBe(true);
      expect(matches(matcher, '198.51.100.6')).toBe(false);
      expect(matches(matcher, '198.51.100.8')).toBe(false);
    });

    it('matches the IPv4-mapped IPv6 form of a blocked address', () => {
      expect(matches(matcher, '::ffff:198.51.100.7')).toBe(true);
      expect(matches(matcher, '::ffff:10.200.0.1')).toBe(true);
      expect(matches(matcher, '::ffff:11.0.0.1')).toBe(false);
    });

    it('does not let IPv4 entries match IPv6 addresses', () => {
      expect(matches(matcher, '::a00:1')).toBe(false);
    });
  });

  describe('IPv6', () => {
    const matcher = matcherOf(['doc', '2001:db8::/32'], ['host', '2001:db9::1/128'], ['link', 'fe80::/10']);

    it('matches inside a network', () => {
      expect(matches(matcher, '2001:db8::1')).toBe(true);
      expect(matches(matcher, '2001:db8:ffff:ffff:ffff:ffff:ffff:ffff')).toBe(true);
      expect(matches(matcher, '2001:db7:ffff::1')).toBe(false);
      expect(matches(matcher, 'febf::1')).toBe(true);
      expect(matches(matcher, 'fec0::1')).toBe(false);
    });

    it('matches a /128 exactly', () => {
      expect(matches(matcher, '2001:db9::1')).toBe(true);
      expect(matches(matcher, '2001:db9::2')).toBe(false);
    });

    it('does not let IPv6 entries match IPv4 addresses', () => {
      expect(matches(matcherOf(['all6', '::/0']), '192.0.2.1')).toBe(false);
    });
  });

  describe('/0', () => {
    it('matches every address of its family', () => {
      const v4 = matcherOf(['all', '0.0.0.0/0']);
      expect(matches(v4, '0.0.0.0')).toBe(true);
      expect(matches(v4, '255.255.255.255')).toBe(true);
      expect(matches(v4, '2001:db8::1')).toBe(false);
      const v6 = matcherOf(['all', '::/0']);
      expect(matches(v6, '::')).toBe(true);
      expect(matches(v6, 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff')).toBe(true);
    });
  });

  describe('overlapping prefixes', () => {
    it('matches through the narrower entry once the wider one is removed, and not after both are', () => {
      const matcher = matcherOf(['wide', '10.0.0.0/8'], ['narrow', '10.1.0.0/16'], ['host', '10.1.2.3']);
      matcher.remove('wide');
      expect(matches(matcher, '10.1.2.3')).toBe(true);
      expect(matches(matcher, '10.1.9.9')).toBe(true);
      expect(matches(matcher, '10.2.0.1')).toBe(false);
      matcher.remove('narrow');
      expect(matches(matcher, '10.1.9.9')).toBe(false);
      expect(matches(matcher, '10.1.2.3')).toBe(true);
    });

    it('keeps a network matched while another entry with the same CIDR remains', () => {
      const matcher = matcherOf(['manual', '192.0.2.0/24'], ['auto', '192.0.2.0/24', NOW + 1_000]);
      matcher.remove('manual');
      expect(matches(matcher, '192.0.2.9')).toBe(true);
      expect(matcher.size).toBe(1);
    });
  });

  describe('expiry', () => {
    it('stops matching at the expiry instant without any reload', () => {
      const matcher = matcherOf(['temp', '192.0.2.0/24', NOW + 60_000]);
      expect(matches(matcher, '192.0.2.1', NOW + 59_999)).toBe(true);
      expect(matches(matcher, '192.0.2.1', NOW + 60_000)).toBe(false);
    });

    it('still matches through a permanent entry when a temporary one on the same network expires', () => {
      const matcher = matcherOf(['temp', '192.0.2.0/24', NOW + 1], ['perm', '192.0.2.0/25']);
      expect(matches(matcher, '192.0.2.1', NOW + 10)).toBe(true);
      expect(matches(matcher, '192.0.2.200', NOW + 10)).toBe(false);
    });
  });

  describe('add', () => {
    it('replaces an entry with the same id', () => {
      const matcher = matcherOf(['id', '192.0.2.0/24']);
      matcher.add({ id: 'id', cidr: '198.51.100.0/24', expiresAtMs: null });
      expect(matches(matcher, '192.0.2.1')).toBe(false);
      expect(matches(matcher, '198.51.100.1')).toBe(true);
      expect(matcher.size).toBe(1);
    });

    it('refuses an entry whose CIDR does not parse', () => {
      const matcher = new CidrMatcher();
      expect(matcher.add({ id: 'bad', cidr: 'nonsense', expiresAtMs: null })).toBe(false);
      expect(matcher.size).toBe(0);
    });
  });

  it('ignores removal of an unknown id', () => {
    const matcher = matcherOf(['id', '192.0.2.0/24']);
    matcher.remove('other');
    expect(matches(matcher, '192.0.2.1')).toBe(true);
  });

  it('answers correctly with many entries on few prefix lengths', () => {
    const entries = Array.from({ length: 20_000 }, (_, index): MatcherEntry => ({
      id: String(index),
      cidr: `10.${(index >> 8) & 255}.${index & 255}.0/24`,
      expiresAtMs: null,
    }));
    const { matcher } = CidrMatcher.of(entries);
    expect(matcher.size).toBe(20_000);
    expect(matches(matcher, '10.78.31.200')).toBe(true);
    expect(matches(matcher, '11.0.0.1')).toBe(false);
  });
});
