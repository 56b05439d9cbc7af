import { createHash } from 'node:crypto';

/**
 * gcra.ts in Lua, so that a decision is one round trip and atomic across instances, for `count` requests of the same
 * cost on one bucket at once: exactly the decisions gcra() would make for them one after another, in one script run.
 * KEYS[1]: the bucket; ARGV: limit, windowMs, cost, now in µs or '' (then Redis' own clock, which every instance
 * shares; tests pass one), count (default 1).
 * Returns {allowed (how many of the count pass, the first ones), remaining and resetUs after the last that passed,
 * then remaining, resetUs and retryAfterUs for those refused, then the emission interval in µs}. The key lives until
 * its TAT has passed.
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
local count = tonumber(ARGV[5]) or 1
if not now then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000000 + tonumber(t[2])
end
local interval = math.max(1, math.floor(window / limit))
local tat = tonumber(redis.call('GET', KEYS[1])) or now
if tat < now then tat = now end
local step = cost * interval
local allowed = count
if step > 0 then
  allowed = math.min(count, math.max(0, floordiv(now + window - tat, step)))
end
local allowed_remaining, allowed_reset = 0, 0
if allowed > 0 then
  tat = tat + allowed * step
  redis.call('SET', KEYS[1], string.format('%.0f', tat), 'PX', math.max(1, math.ceil((tat - now) / 1000)))
  allowed_remaining = floordiv(now - (tat - window), interval)
  allowed_reset = tat - now
end
return {allowed, allowed_remaining, allowed_reset, math.max(0, floordiv(now - (tat - window), interval)), tat - now, tat + step - window - now, interval}
`;

export const GCRA_SCRIPT_SHA = createHash('sha1').update(GCRA_SCRIPT).digest('hex');
