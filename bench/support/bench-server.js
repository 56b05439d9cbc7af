// Benchmark servers run as child processes of the whole app that print `READY <port> <value>` once listening.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { benchFlags } from './bench-flags.js';

/** The environment of a benchmark app instance: quiet logs, its own data dir, limits that never refuse. */
export function benchAppEnv(databaseUrl, redisUrl, extra = {}) {
  return {
    NODE_ENV: 'development',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'bulwark-bench-')),
    LOG_LEVEL: 'error',
    LOG_REQUESTS: 'false',
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    RATE_LIMIT_ENTERPRISE: '1000000000',
    ...extra,
  };
}

/** `npm run bench -- http --profile-dir=/tmp/prof`: each server writes a V8 CPU profile there when it exits. */
export function profileFlags() {
  const dir = benchFlags()['profile-dir'];
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
}

/** Starts `script` with `env` and waits for its READY line: `{ child, port, value, stop() }`. */
export async function startBenchServer(script, env) {
  const child = spawn(process.execPath, [...profileFlags(), script], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  for await (const chunk of child.stdout) {
    output += String(chunk);
    const ready = /READY (\d+) (\S+)/.exec(output);
    if (ready) {
      const stop = async () => {
        child.kill('SIGTERM');
        await once(child, 'exit');
      };
      return { child, port: Number(ready[1]), value: ready[2], stop };
    }
  }
  throw new Error(`${script} exited before listening`);
}
