import { createRedisClient } from '@app/common';
import { testRedisUrl } from '@app/testing';
import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';

import { LoginThrottle } from '../../src/modules/security/auth-tokens/login-throttle/login-throttle.service.js';
import { MemoryLoginThrottleStore } from '../../src/modules/security/auth-tokens/login-throttle/memory-login-throttle.store.js';
import { RedisLoginThrottleStore } from '../../src/modules/security/auth-tokens/login-throttle/redis-login-throttle.store.js';
import { ACCOUNT_IP_POLICY } from '../../src/modules/security/auth-tokens/login-throttle/throttle-policy.js';
import { loginThrottleContract } from '../support/login-throttle.contract.js';

let redis: Redis;

beforeAll(() => {
  redis = createRedisClient(testRedisUrl(), 2_000, { enableOfflineQueue: true });
});

afterAll(async () => {
  await redis.quit();
});

loginThrottleContract(MemoryLoginThrottleStore.name, () => new MemoryLoginThrottleStore());
loginThrottleContract(RedisLoginThrottleStore.name, () => new RedisLoginThrottleStore(redis));

describe(`${LoginThrottle.name} over Redis`, () => {
  const ip = (): string => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;

  it('shares counts across instances: attempts spread over three instances add up', async () => {
    const instances = [1, 2, 3].map(() => new LoginThrottle(new RedisLoginThrottleStore(redis)));
    const login = `${randomUUID()}@example.com`;
    const address = ip();
    const now = Date.now();
    for (let attempt = 0; attempt < ACCOUNT_IP_POLICY.freeAttempts; attempt += 1) {
      expect(await instances[attempt % 3]!.attempt(login, address, now)).toBe(0);
    }
    expect(await instances[0]!.attempt(login, address, now)).toBe(ACCOUNT_IP_POLICY.baseDelayMs);
    // The same account from another address, and another account from the same address, still go through.
    expect(await instances[1]!.attempt(login, ip(), now)).toBe(0);
    expect(await instances[2]!.attempt(`${randomUUID()}@example.com`, address, now)).toBe(0);
  });

  it('lets only the free attempts through when many arrive at once (counted before the password is checked)', async () => {
    const throttle = new LoginThrottle(new RedisLoginThrottleStore(redis));
    const login = `${randomUUID()}@example.com`;
    const address = ip();
    const now = Date.now();
    const waits = await Promise.all(Array.from({ length: 20 }, () => throttle.attempt(login, address, now)));
    expect(waits.filter((wait) => wait === 0)).toHaveLength(ACCOUNT_IP_POLICY.freeAttempts);
  });

  it('keeps no email in Redis and sets an expiry on every counter', async () => {
    const login = `${randomUUID()}@example.com`;
    const address = ip();
    await new LoginThrottle(new RedisLoginThrottleStore(redis)).attempt(login, address, Date.now());
    const keys = await redis.keys(`bulwark:login:{${address}}:*`);
    expect(keys).toHaveLength(2);
    expect(keys.join(' ')).not.toContain(login);
    for (const key of keys) {
      expect(await redis.pttl(key)).toBeGreaterThan(0);
    }
  });
});

describe(`${LoginThrottle.name} with IPv6`, () => {
  it('counts one /64 as one address: hopping inside it does not reset the account counter', async () => {
    const throttle = new LoginThrottle(new MemoryLoginThrottleStore());
    const login = `${randomUUID()}@example.com`;
    const now = Date.now();
    for (let host = 1; host <= ACCOUNT_IP_POLICY.freeAttempts; host += 1) {
      expect(await throttle.attempt(login, `2001:db8:1:2::${host.toString(16)}`, now)).toBe(0);
    }
    expect(await throttle.attempt(login, '2001:db8:1:2::ffff', now)).toBe(ACCOUNT_IP_POLICY.baseDelayMs);
    expect(await throttle.attempt(login, '2001:db8:1:3::1', now)).toBe(0);
  });
});
