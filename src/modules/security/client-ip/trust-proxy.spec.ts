import { trustProxySetting } from './trust-proxy.js';

describe('trustProxySetting', () => {
  it('trusts no proxy when empty or 0', () => {
    expect(trustProxySetting('')).toBe(false);
    expect(trustProxySetting('  ')).toBe(false);
    expect(trustProxySetting('0')).toBe(false);
  });

  it('takes a hop count', () => {
    expect(trustProxySetting('2')).toBe(2);
  });

  it('takes a list of addresses and CIDRs', () => {
    expect(trustProxySetting('10.0.0.0/8, 192.168.1.5,fd00::/8')).toEqual(['10.0.0.0/8', '192.168.1.5', 'fd00::/8']);
  });

  it('refuses to trust every address', () => {
    expect(() => trustProxySetting('0.0.0.0/0')).toThrow(/every address/);
    expect(() => trustProxySetting('10.0.0.0/8,::/0')).toThrow(/every address/);
  });

  it('refuses entries that are not addresses', () => {
    expect(() => trustProxySetting('10.0.0.0/8,proxy.internal')).toThrow(/proxy\.internal/);
    expect(() => trustProxySetting('10.0.0.0/33')).toThrow(/10\.0\.0\.0\/33/);
  });
});
