import type { Redis } from 'ioredis';

import type { LoginThrottleStore, ThrottleKey } from './login-throttle.store.js';

/**
 * One round trip, atomic across instances: answer the longest wait among the keys, or count the attempt on every
 * key (the mirror of throttleDelayMs: wait = min(base * 2^(attempts - free), max) once attempts >= free).
 * KEYS: the counters (hashes {a: attempts, u: wait-until ms, e: forget-at ms; `e` as well as PEXPIRE so the caller's
 * clock, not only Redis', decides). ARGV: now, then per key: free, base, max, idle ms.
 */
const ATTEMPT_SCRIPT = `
local now = tonumber(ARGV[1])
local wait = 0
for i = 1, #KEYS do
  local state = redis.call('HMGET', KEYS[i], 'u', 'e')
  if state[2] and tonumber(state[2]) <= now then
    redis.call('DEL', KEYS[i])
  elseif state[1] and tonumber(state[1]) - now > wait then
    wait = tonumber(state[1]) - now
  end
end
if wait > 0 then return wait end
for i = 1, #KEYS do
  local o = 1 + (i - 1) * 4
  local free, base, max, idle = tonumber(ARGV[o + 1]), tonumber(ARGV[o + 2]), tonumber(ARGV[o + 3]), tonumber(ARGV[o + 4])
  local attempts = redis.call('HINCRBY', KEYS[i], 'a', 1)
  local delay = 0
  if attempts >= free then delay = math.min(base * 2 ^ (attempts - free), max) end
  local keep = math.max(idle, delay)
  redis.call('HSET', KEYS[i], 'u', string.format('%d', now + delay), 'e', string.format('%d', now + keep))
  redis.call('PEXPIRE', KEYS[i], keep)
end
return 0
`;

/** KEYS: the counter to forget, the counter to refund. */
const SUCCEEDED_SCRIPT = `
redis.call('DEL', KEYS[1])
if redis.call('EXISTS', KEYS[2]) == 1 then
  if redis.call('HINCRBY', KEYS[2], 'a', -1) < 0 then redis.call('HSET', KEYS[2], 'a', 0) end
  redis.call('HSET', KEYS[2], 'u', 0)
end
return 0
`;

/** Counters shared by every instance. Callers give keys one hash tag, so a Cluster keeps them in one slot. */
export class RedisLoginThrottleStore implements LoginThrottleStore {
  constructor(private readonly client: Redis) {}

  async attempt(keys: readonly ThrottleKey[], nowMs: number): Promise<number> {
    const args = keys.flatMap(({ policy }) => [policy.freeAttempts, policy.baseDelayMs, policy.maxDelayMs, policy.idleResetMs]);
    const wait = await this.client.eval(ATTEMPT_SCRIPT, keys.length, ...keys.map(({ key }) => key), nowMs, ...args);
    return Number(wait);
  }

  async succeeded(reset: string, refund: string): Promise<void> {
    await this.client.eval(SUCCEEDED_SCRIPT, 2, reset, refund);
  }
}
