import { randomUUID } from 'node:crypto';

import type { LoginThrottleStore, ThrottleKey } from '../../src/modules/security/auth-tokens/login-throttle/login-throttle.store.js';
import type { ThrottlePolicy } from '../../src/modules/security/auth-tokens/login-throttle/throttle-policy.js';

const POLICY: ThrottlePolicy = { freeAttempts: 3, baseDelayMs: 1_000, maxDelayMs: 8_000, idleResetMs: 60_000 };
const START = 1_800_000_000_000;

/**
 * What every `LoginThrottleStore` must do, run against each implementation (memory, Redis). Time is passed in, so
 * nothing waits; keys are random (one hash tag each) so runs sharing a Redis never meet.
 */
export function loginThrottleContract(name: string, create: () => LoginThrottleStore): void {
  describe(`${name} (LoginThrottleStore contract)`, () => {
    let store: LoginThrottleStore;
    let tag: string;
    const key = (name: string, policy = POLICY): ThrottleKey => ({ key: `contract:{${tag}}:${name}`, policy });

    beforeEach(() => {
      store = create();
      tag = randomUUID();
    });

    it('lets the free attempts through, then makes the caller wait base, 2×base, 4×base ... up to the cap', async () => {
      const waits: number[] = [];
      let now = START;
      for (let attempt = 0; attempt < 3; attempt += 1) {
        expect(await store.attempt([key('a')], now)).toBe(0);
      }
      // Each time: the next attempt right away is refused with the wait; once it has passed, one more is counted.
      for (let round = 0; round < 5; round += 1) {
        const wait = await store.attempt([key('a')], now);
        waits.push(wait);
        now += wait;
        expect(await store.attempt([key('a')], now)).toBe(0);
      }
      expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 8_000]);
    });

    it('answers the remaining wait, not the whole delay, part way through it', async () => {
      for (let attempt = 0; attempt < 3; attempt += 1) {
        await store.attempt([key('a')], START);
      }
      expect(await store.attempt([key('a')], START + 400)).toBe(600);
    });

    it('counts nothing while refusing: waiting it out costs no extra delay', async () => {
      for (let attempt = 0; attempt < 3; attempt += 1) {
        await store.attempt([key('a')], START);
      }
      for (let refused = 0; refused < 10; refused += 1) {
        expect(await store.attempt([key('a')], START + 10)).toBeGreaterThan(0);
      }
      expect(await store.attempt([key('a')], START + 1_000)).toBe(0);
      expect(await store.attempt([key('a')], START + 1_000)).toBe(2_000);
    });

    it('keeps keys apart: one throttled key does not hold back another', async () => {
      for (let attempt = 0; attempt < 3; attempt += 1) {
        await store.attempt([key('victim-from-attacker-ip')], START);
      }
      expect(await store.attempt([key('victim-from-attacker-ip')], START)).toBeGreaterThan(0);
      expect(await store.attempt([key('victim-from-own-ip')], START)).toBe(0);
    });

    it('refuses when any of the keys waits, and counts on every key otherwise', async () => {
      const strict = key('strict', { ...POLICY, freeAttempts: 1 });
      expect(await store.attempt([key('loose'), strict], START)).toBe(0);
      // strict now waits, so nothing is counted on either key.
      expect(await store.attempt([key('loose'), strict], START)).toBe(1_000);
      expect(await store.attempt([key('loose')], START)).toBe(0);
      expect(await store.attempt([key('loose')], START)).toBe(0);
      // loose counted 1 (with strict) + 2 alone = its 3 free attempts.
      expect(await store.attempt([key('loose')], START)).toBe(1_000);
    });

    it('forgets a counter idle for longer than its reset time', async () => {
      for (let attempt = 0; attempt < 3; attempt += 1) {
        await store.attempt([key('a')], START);
      }
      expect(await store.attempt([key('a')], START + 60_001)).toBe(0);
      expect(await store.attempt([key('a')], START + 60_001)).toBe(0);
    });

    it('forgets the account counter and refunds the address counter on success', async () => {
      const account = key('account');
      const address = key('address', { ...POLICY, freeAttempts: 4 });
      for (let attempt = 0; attempt < 3; attempt += 1) {
        await store.attempt([account, address], START);
      }
      expect(await store.attempt([account, address], START)).toBe(1_000);
      await store.succeeded(account.key, address.key);
      // The account starts again from zero; the address got one attempt back (2 counted of its 4 free).
      expect(await store.attempt([account, address], START)).toBe(0);
      expect(await store.attempt([account, address], START)).toBe(0);
      expect(await store.attempt([account, address], START)).toBe(1_000);
    });

    it('accepts success for keys it never saw', async () => {
      await expect(store.succeeded(key('never').key, key('seen').key)).resolves.toBeUndefined();
      expect(await store.attempt([key('seen')], START)).toBe(0);
    });
  });
}
