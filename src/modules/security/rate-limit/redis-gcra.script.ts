import { createHash } from 'node:crypto';

/**
 * gcra.ts in Lua, so that a decision is one round trip and atomic across instances. KEYS[1]: the bucket;
 * ARGV: limit, windowMs, cost, and optionally now in µs (tests), else Redis' own clock, which every instance shares.
 * Returns {allowed (0|1), remaining, resetUs, retryAfterUs}. The key lives until its TAT has passed.
 */
export const GCRA_SCRIPT = `
local function floordiv(a, b)
  local q = math.floor(a / b)
  if q * b > a then q = q - 1 end
  return q
end
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2]) * 1000
local cost = tonumber(ARGV[3])
local now = tonumber(ARGV[4])
if not now then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000000 + tonumber(t[2])
end
local interval = math.max(1, math.floor(window / limit))
local tat = tonumber(redis.call('GET', KEYS[1])) or now
if tat < now then tat = now end
local new_tat = tat + cost * interval
local allow_at = new_tat - window
if allow_at > now then
  return {0, math.max(0, floordiv(now - (tat - window), interval)), tat - now, allow_at - now}
end
redis.call('SET', KEYS[1], string.format('%.0f', new_tat), 'PX', math.max(1, math.ceil((new_tat - now) / 1000)))
return {1, floordiv(now - allow_at, interval), new_tat - now, 0}
`;

export const GCRA_SCRIPT_SHA = createHash('sha1').update(GCRA_SCRIPT).digest('hex');
