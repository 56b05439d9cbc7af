import type { Request } from 'express';

import { clientIpOf, ipSubject, normaliseIp, UNKNOWN_CLIENT_IP } from './client-ip.js';

const requestFrom = (ip: string | undefined, remoteAddress?: string): Request => ({ ip, socket: { remoteAddress } }) as unknown as Request;

describe('client ip', () => {
  describe('normaliseIp', () => {
    it('turns IPv4-mapped IPv6 into plain IPv4', () => {
      expect(normaliseIp('::ffff:203.0.113.7')).toBe('203.0.113.7');
    });

    it('writes IPv6 in its short canonical form', () => {
      expect(normaliseIp('2001:0db8:0000:0000:0000:0000:0000:0001')).toBe('2001:db8::1');
    });

    it('rejects what is not an address', () => {
      expect(normaliseIp('not-an-ip')).toBeUndefined();
      expect(normaliseIp(undefined)).toBeUndefined();
    });

    it('answers the same for an address seen before, however many others came between', () => {
      expect(normaliseIp('::ffff:198.51.100.20')).toBe('198.51.100.20');
      for (let index = 0; index < 5_000; index += 1) {
        expect(normaliseIp(`10.0.${index >> 8}.${index & 255}`)).toBe(`10.0.${index >> 8}.${index & 255}`);
      }
      expect(normaliseIp('::ffff:198.51.100.20')).toBe('198.51.100.20');
      expect(normaliseIp('not-an-ip')).toBeUndefined();
      expect(normaliseIp(`${'1'.repeat(100)}`)).toBeUndefined();
    });
  });

  describe('clientIpOf', () => {
    it("uses Express' req.ip, normalised", () => {
      expect(clientIpOf(requestFrom('::ffff:10.1.2.3'))).toBe('10.1.2.3');
    });

    it('falls back to the socket address, then to a shared unknown bucket', () => {
      expect(clientIpOf(requestFrom(undefined, '::1'))).toBe('::1');
      expect(clientIpOf(requestFrom(undefined))).toBe(UNKNOWN_CLIENT_IP);
    });

    it('reads req.ip once per request, and each request its own', () => {
      let reads = 0;
      const request = {
        socket: {},
        get ip() {
          reads += 1;
          return '203.0.113.9';
        },
      } as unknown as Request;

      expect([clientIpOf(request), clientIpOf(request), clientIpOf(request)]).toEqual(['203.0.113.9', '203.0.113.9', '203.0.113.9']);
      expect(reads).toBe(1);
      expect(clientIpOf(requestFrom('198.51.100.1'))).toBe('198.51.100.1');
    });
  });

  describe('ipSubject', () => {
    it('keeps IPv4 addresses whole', () => {
      expect(ipSubject('198.51.100.9')).toBe('198.51.100.9');
    });

    it('groups IPv6 addresses by their /64', () => {
      expect(ipSubject('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
      expect(ipSubject('2001:db8:1:2:bbbb::9')).toBe('2001:db8:1:2::/64');
    });
  });
});
