import type { Redis } from 'ioredis';

import { AUTO_BLOCK_COUNTER_PREFIX } from '../ip-blocks.constants.js';
import { type WindowCounter } from './window-counter.js';

/**
 * One round trip and atomic across instances: count in the current bucket, read the previous one, and when the
 * sliding estimate reaches the threshold delete both and answer 1, so exactly one caller sees the crossing.
 * KEYS: current bucket, previous bucket. ARGV: bucket TTL ms, weight of the previous bucket, threshold.
 */
const HIT_SCRIPT = `
local current = redis.call('INCR', KEYS[1])
if current == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local previous = tonumber(redis.call('GET', KEYS[2]) or '0')
if previous * tonumber(ARGV[2]) + current >= tonumber(ARGV[3]) then
  redis.call('DEL', KEYS[1], KEYS[2])
  return 1
end
return 0
`;

/** Counts shared by every instance through Redis (the hash tag keeps a key's buckets in one Cluster slot). */
export class RedisWindowCounter implements WindowCounter {
  constructor(
    private readonly client: Redis,
    private readonly windowMs: number,
  ) {}

  async hit(key: string, threshold: number, nowMs: number): Promise<boolean> {
    const bucket = Math.floor(nowMs / this.windowMs);
    const base = `${AUTO_BLOCK_COUNTER_PREFIX}:{${key}}`;
    const previousWeight = 1 - (nowMs % this.windowMs) / this.windowMs;
    const reached = await this.client.eval(HIT_SCRIPT, 2, `${base}:${bucket}`, `${base}:${bucket - 1}`, 2 * this.windowMs, previousWeight, threshold);
    return reached === 1;
  }
}
