// Counts the Redis commands one operation sends, two ways: MONITOR (every command with its database, so only the
// benchmark's own database counts, whatever else uses the server) and the server-wide `INFO commandstats` delta
// (exact only when nothing else talks to that Redis meanwhile).
import { Redis } from 'ioredis';
import { setTimeout as sleep } from 'node:timers/promises';

import { redisOptions } from './caches.js';

/** `{ command: calls }` of `INFO commandstats`. */
async function commandStats(redis) {
  const info = await redis.info('commandstats');
  return Object.fromEntries([...info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)].map(([, name, calls]) => [name, Number(calls)]));
}

function delta(before, after) {
  return Object.entries(after)
    .map(([name, calls]) => [name, calls - (before[name] ?? 0)])
    .filter(([, calls]) => calls > 0);
}

/**
 * Runs `operation` once and returns the commands it sent to the benchmark's database (our own INFO left out), as
 * `{ monitored: { MGET: 1 }, serverWide: [['mget', 1], ...] }`.
 */
export async function countCommands(redisUrl, operation) {
  const { db } = redisOptions(redisUrl);
  const stats = new Redis(redisUrl);
  const monitor = await new Redis(redisUrl).monitor();
  const monitored = {};
  monitor.on('monitor', (_time, args, _source, database) => {
    const name = String(args[0]).toUpperCase();
    if (Number(database) === db && name !== 'INFO') {
      monitored[name] = (monitored[name] ?? 0) + 1;
    }
  });
  await sleep(50);
  const before = await commandStats(stats);
  await operation();
  const after = await commandStats(stats);
  await sleep(100); // MONITOR lines arrive after the replies
  monitor.disconnect();
  stats.disconnect();
  const serverWide = delta(before, after).map(([name, calls]) => [name, name === 'info' ? calls - 1 : calls]).filter(([, calls]) => calls > 0);
  return { monitored, serverWide };
}
