// npm run bench:cache [-- --seconds=0.5 --rounds=5 --only=L2 --redis=redis://127.0.0.1:6379/7 --dist=dist]: our two-tier cache
// (src/modules/cache, built) against BentoCache 1.6.1 configured equivalently and against a raw ioredis GET, in one
// process and run, with the same Redis: L1 hit, L2 hit, hot getOrSet, and getMany of 100 keys that L1
// does not hold. Each case runs sequentially (one call awaited after the other), `--rounds` times in alternating
// order; the table shows each case's median round, and each ratio is the median of that ratio within a round
// (both sides measured seconds apart), which keeps the machine's slow moments out of it. `--only` keeps the cases
// whose scenario contains it. ops/s is calls / total time (1000 / mean latency), not
// tinybench's mean of per-sample rates, which overstates skewed samples. Then it counts the Redis commands one
// getMany(100) sends (MONITOR on the benchmark's database, and the server-wide INFO commandstats delta).
// It flushes only its own database (default /7). Not a test: it prints numbers, it asserts nothing.
import { Redis } from 'ioredis';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { Bench } from 'tinybench';

import { benchFlags, benchServices } from '../support/bench-flags.js';
import { bentoCache, loadOurs, TTL_MS } from './caches.js';
import { countCommands } from './command-count.js';

const flags = benchFlags();
const SECONDS = Number(flags.seconds ?? 0.5);
const ROUNDS = Number(flags.rounds ?? 5);
const DIST = flags.dist ?? 'dist';
const REDIS_URL = withDatabase(benchServices(flags).redisUrl, '7');
const L1_ENTRIES = 10_000;
const MANY = 100;

/** `url` with database `db` unless it names one. */
function withDatabase(url, db) {
  const parsed = new URL(url);
  if (parsed.pathname === '' || parsed.pathname === '/') {
    parsed.pathname = `/${db}`;
  }
  return parsed.toString();
}

// A typical cached row (~260 bytes of JSON; below our 1 KiB compression threshold, so no Brotli on either side).
const USER = {
  id: 'u-000123',
  email: 'ada.lovelace@example.com',
  name: 'Ada Lovelace',
  roles: ['admin', 'billing'],
  createdAt: '2026-01-02T03:04:05.000Z',
  active: true,
  loginCount: 42,
  preferences: { theme: 'dark', locale: 'en-GB', timeZone: 'Europe/London', newsletter: false },
  address: { street: '12 St James Square', city: 'London', postcode: 'SW1Y 4JH', country: 'GB' },
};
const load = () => USER;
const keysOf = (prefix, count = MANY) => Array.from({ length: count }, (_, i) => `${prefix}-${i}`);

const print = (line = '') => process.stdout.write(`${line}\n`);
const ourCache = await loadOurs(DIST);
const { EntryCodec } = await import(join(resolve(DIST), 'src/modules/cache/core/entry-codec.js'));

const raw = new Redis(REDIS_URL);
await raw.flushdb();
const ours = await ourCache(REDIS_URL, L1_ENTRIES);
const oursL2 = await ourCache(REDIS_URL, 1); // an L1 of one entry: alternating keys always miss it
const bento = await bentoCache(REDIS_URL, L1_ENTRIES, true);
const bentoPlain = await bentoCache(REDIS_URL, L1_ENTRIES, false);
const bentoL2 = await bentoCache(REDIS_URL, 1, true);

const users = ours.cache.namespace('users');
const usersL2 = oursL2.cache.namespace('users');
// BentoCache's side uses its root cache with "users:" keys: in 1.6.1 a namespace() rebuilds its options without the
// memory driver's `serialize: false`, so a namespaced L1 always serializes (checked: two hits return two copies).
const [bUsers, bPlainUsers, bUsersL2] = [bento, bentoPlain, bentoL2].map(({ bento: cache }) => cache);
const inUsers = (keys) => keys.map((key) => `users:${key}`);

// Data: every L2 key is written through the cache that reads it back (ours, or BentoCache with the same TTL).
const sets = { a: keysOf('many-a'), b: keysOf('many-b'), count: keysOf('count') };
const bSets = { a: inUsers(sets.a), b: inUsers(sets.b), count: inUsers(sets.count) };
await users.setMany([...sets.a, ...sets.b, ...sets.count, 'hot', 'l2-a', 'l2-b'].map((key) => ({ key, value: USER, options: { ttl: TTL_MS } })));
for (const key of inUsers([...sets.a, ...sets.b, ...sets.count, 'hot', 'l2-a', 'l2-b'])) {
  await bUsers.set({ key, value: USER, ttl: TTL_MS });
}
await bPlainUsers.set({ key: 'users:hot', value: USER, ttl: TTL_MS });
const rawKeys = keysOf('raw:many');
await raw.mset(Object.fromEntries([['raw:hot', JSON.stringify(USER)], ...rawKeys.map((key) => [key, JSON.stringify(USER)])]));
// Our L2 client (node-redis, under @keyv/redis) read directly: what our L2 hit costs without the cache around it.
const l2Client = ours.cache.tiers.shared.tier.client;
const codec = new EntryCodec(1_024);
const ourL2Key = ours.cache.tiers.shared.tier.redisKey('users:l2-a');

/** Calls `next()` alternately on two arguments, so a one-entry L1 misses every time. */
function alternating(first, second, call) {
  let flip = false;
  return async () => {
    flip = !flip;
    await call(flip ? first : second);
  };
}

const CASES = [
  { scenario: 'L1 hit', who: 'ours', fn: async () => users.get('hot') },
  { scenario: 'L1 hit', who: 'BentoCache', fn: async () => bUsers.get({ key: 'users:hot' }) },
  { scenario: 'L1 hit', who: 'BentoCache, L1 serialize: false', fn: async () => bPlainUsers.get({ key: 'users:hot' }) },
  { scenario: 'hot getOrSet', who: 'ours', fn: async () => users.getOrSet('hot', load, { ttl: TTL_MS }) },
  { scenario: 'hot getOrSet', who: 'BentoCache', fn: async () => bUsers.getOrSet({ key: 'users:hot', factory: load, ttl: TTL_MS }) },
  { scenario: 'hot getOrSet', who: 'BentoCache, L1 serialize: false', fn: async () => bPlainUsers.getOrSet({ key: 'users:hot', factory: load, ttl: TTL_MS }) },
  { scenario: 'L2 hit', who: 'raw ioredis GET + JSON.parse', fn: async () => JSON.parse(await raw.get('raw:hot')) },
  { scenario: 'L2 hit', who: 'raw node-redis GET + our decode (our L2 client)', fn: async () => codec.deserialize(await l2Client.get(ourL2Key)) },
  { scenario: 'L2 hit', who: 'ours', fn: alternating('l2-a', 'l2-b', (key) => usersL2.get(key)) },
  { scenario: 'L2 hit', who: 'BentoCache', fn: alternating('users:l2-a', 'users:l2-b', (key) => bUsersL2.get({ key })) },
  { scenario: 'getMany(100)', who: 'raw ioredis MGET + JSON.parse', fn: async () => (await raw.mget(rawKeys)).map((text) => JSON.parse(text)) },
  { scenario: 'getMany(100)', who: 'ours', fn: alternating(sets.a, sets.b, (keys) => usersL2.getMany(keys)) },
  { scenario: 'getMany(100)', who: 'BentoCache (Promise.all of 100 get)', fn: alternating(bSets.a, bSets.b, (keys) => Promise.all(keys.map((key) => bUsersL2.get({ key })))) },
];

// Sanity: each side returns the stored value before anything is timed.
const checks = [await users.get('hot'), await bUsers.get({ key: 'users:hot' }), await bPlainUsers.get({ key: 'users:hot' }), await usersL2.get('l2-a'), await bUsersL2.get({ key: 'users:l2-a' })];
checks.push(...(await usersL2.getMany(sets.a)));
// And serialize: false really keeps objects (the same one on two hits), while the default hands out copies.
if ((await bPlainUsers.get({ key: 'users:hot' })) !== (await bPlainUsers.get({ key: 'users:hot' })) || (await bUsers.get({ key: 'users:hot' })) === (await bUsers.get({ key: 'users:hot' }))) {
  throw new Error('BentoCache L1 serialization is not as configured');
}
if (checks.some((value) => value?.email !== USER.email)) {
  throw new Error('a cache did not return the stored value');
}

print(`cache benchmark: ${ROUNDS} rounds of ${SECONDS} s per case, sequential calls, Redis ${REDIS_URL}, Node ${process.version}`);
print(`load average at start: ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
print('ours: createCacheService as in the app: lru-cache L1 (10,000 entries, frozen decoded values), L2 Redis through');
print('  @keyv/redis (writes via cache-manager; reads: one MGET on a dedicated ioredis connection + msgpack decode), breaker, ioredis bus,');
print(`  TTL ${TTL_MS} ms, grace 0, values msgpack (Brotli above 1 KiB; not reached here).`);
print('BentoCache 1.6.1: bentostore().useL1Layer(memoryDriver({ maxItems: 10,000 })) .useL2Layer(redisDriver(ioredis))');
print(`  .useBus(redisBusDriver), ttl ${TTL_MS} ms, grace false, JSON serializer. Its memory driver serializes by default`);
print('  (JSON text in L1, JSON.parse on every hit, a fresh copy per caller); "serialize: false" keeps objects as ours does');
print('  (ours freezes them, BentoCache does not). L2 cases use an L1 of 1 entry on both sides and alternate 2 keys');
print('  (getMany: 2 sets of 100), so every read misses L1, reads L2 and back-fills L1, as a real L1 miss does.');
print('  BentoCache has no bulk read: its getMany is Promise.all of 100 get() (100 pipelined GETs on one connection).');
print('  No "serialize: false" variant for L2 cases: in BentoCache 1.6.1 an L1 without a serializer fails the next hit');
print('  of an entry back-filled from L2 (TypeError: reading \'deserialize\'), so that setting only works in L1-only use.');
print();

const SELECTED = CASES.filter((entry) => entry.scenario.includes(flags.only ?? ''));
const results = new Map(SELECTED.map((entry) => [entry, []]));
for (let round = 0; round < ROUNDS; round++) {
  const bench = new Bench({ time: SECONDS * 1000, warmupTime: 250, throws: true });
  const order = round % 2 === 0 ? SELECTED : [...SELECTED].reverse();
  for (const entry of order) {
    bench.add(`${entry.scenario} / ${entry.who}`, entry.fn);
  }
  await bench.run();
  order.forEach((entry, index) => {
    const { latency, period } = bench.tasks[index].result;
    results.get(entry).push({ opsPerSecond: 1000 / period, meanUs: period * 1000, p99Us: latency.p99 * 1000 });
  });
}

const middle = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
/** The round with the median ops/s. */
const summary = new Map(SELECTED.map((entry) => [entry, results.get(entry).find((run, _, runs) => run.opsPerSecond === middle(runs.map((r) => r.opsPerSecond)))]));
const caseOf = (scenario, who) => SELECTED.find((entry) => entry.scenario === scenario && entry.who === who);
/** The median over rounds of `measure(entry's run) / measure(other's run)` in the same round, so slow moments of the machine cancel out. */
const ratio = (entry, other, measure) => middle(results.get(entry).map((run, round) => measure(run) / measure(results.get(other)[round])));
const fmt = (n, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const RAW = { 'L2 hit': 'raw ioredis GET + JSON.parse', 'getMany(100)': 'raw ioredis MGET + JSON.parse' };

print('| scenario | implementation | ops/s | mean µs | p99 µs | ours / BentoCache (ops/s) | latency / raw |');
print('| --- | --- | ---: | ---: | ---: | --- | ---: |');
for (const entry of SELECTED) {
  const { opsPerSecond, meanUs, p99Us } = summary.get(entry);
  const bentos = SELECTED.filter((other) => other.scenario === entry.scenario && other.who.startsWith('BentoCache'));
  const versus = entry.who === 'ours' ? bentos.map((other) => `${fmt(ratio(entry, other, (run) => run.opsPerSecond), 2)}× (${other.who.includes('serialize: false') ? 'serialize: false' : 'default'})`).join(', ') : '';
  const raw = caseOf(entry.scenario, RAW[entry.scenario]);
  const relative = raw === undefined ? '' : `${fmt(ratio(entry, raw, (run) => run.meanUs), 2)}×`;
  print(`| ${entry.scenario} | ${entry.who} | ${fmt(opsPerSecond)} | ${fmt(meanUs, 2)} | ${fmt(p99Us, 2)} | ${versus} | ${relative} |`);
}
print();
print(`load average at end: ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
print();

// Round trips: one getMany of 100 keys that the reading instance's L1 does not hold.
const describe = ({ monitored, serverWide }) =>
  `MONITOR (db only): ${JSON.stringify(monitored)}; INFO commandstats delta (server-wide): ${serverWide.map(([name, calls]) => `${name} ${calls}`).join(', ') || 'none'}`;
print(`ours getMany(100), all L1 misses:       ${describe(await countCommands(REDIS_URL, () => usersL2.getMany(sets.count)))}`);
print(`ours get(1), an L1 miss:                ${describe(await countCommands(REDIS_URL, () => usersL2.get('count-0')))}`);
print(`BentoCache Promise.all(100 get), misses: ${describe(await countCommands(REDIS_URL, () => Promise.all(bSets.count.map((key) => bUsersL2.get({ key })))))}`);

for (const { close } of [ours, oursL2, bento, bentoPlain, bentoL2]) {
  await close();
}
await raw.flushdb();
raw.disconnect();
// BentoCache's bus transport keeps sockets open after disconnectAll(), so the process would not end by itself.
process.exit(0);
