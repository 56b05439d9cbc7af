import { EmbeddedPostgresServer } from '@app/common';
import { postgresAnswers } from '@app/testing';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

import { waitFor } from '../support/wait-for.js';

// One initdb for the whole file (it is slow): the tests below run in order on the same server and data dir.
const INITDB_TIMEOUT_MS = 120_000;
const RESTART_TIMEOUT_MS = 60_000;
const DATABASE = 'bulwark_embedded';

async function portIsFree(port: number): Promise<boolean> {
  const server = createServer();
  try {
    server.listen(port, '127.0.0.1');
    await once(server, 'listening');
    return true;
  } catch {
    return false;
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

async function freePort(from: number): Promise<number> {
  for (let port = from; port < from + 100; port += 1) {
    if (await portIsFree(port)) {
      return port;
    }
  }
  throw new Error(`no free port in ${from}..${from + 99}`);
}

/** The pid of a process that has exited: what a crash leaves in postmaster.pid. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await once(child, 'exit');
  return child.pid!;
}

async function modeOf(path: string): Promise<number> {
  return (await stat(path)).mode & 0o7777;
}

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

let root: string;
let sharedDir: string;
let dataDir: string;
let tmpMode: number;
let server: EmbeddedPostgresServer;
const logs: string[] = [];

beforeAll(async () => {
  tmpMode = await modeOf(tmpdir());
  root = await mkdtemp(join(tmpdir(), 'bulwark-embedded-'));
  // A world-writable, sticky parent like /tmp: starting as root must not loosen or tighten it.
  sharedDir = join(root, 'shared');
  await mkdir(sharedDir);
  await chmod(sharedDir, 0o1777);
  dataDir = join(sharedDir, 'pg');
  server = new EmbeddedPostgresServer({
    dataDir,
    port: await freePort(54390),
    password: 'embedded-it-secret',
    database: DATABASE,
    log: (message) => logs.push(message),
  });
  await server.start();
}, INITDB_TIMEOUT_MS);

afterAll(async () => {
  await server?.stop();
  await rm(root, { force: true, recursive: true });
}, RESTART_TIMEOUT_MS);

describe(EmbeddedPostgresServer.name, () => {
  describe('start', () => {
    it('initialises a data dir, starts PostgreSQL and creates the configured database, reachable at url', async () => {
      const [session] = await query<{ user: string; database: string }>(server.url, 'SELECT current_user AS user, current_database() AS database');

      expect(session).toEqual({ user: 'postgres', database: DATABASE });
      expect(logs.some((message) => message.startsWith('initialising embedded PostgreSQL'))).toBe(true);
    });

    it('keeps the modes of the directories above its data dir, only making them traversable', async () => {
      await expect(modeOf(tmpdir())).resolves.toBe(tmpMode);
      await expect(modeOf(sharedDir)).resolves.toBe(0o1777);
      expect((await modeOf(root)) & 0o001).toBe(0o001);
    });

    it(
      'restarts on the same data dir without initialising it again, keeping its data',
      async () => {
        await query(server.url, 'CREATE TABLE persisted_probe (note text); INSERT INTO persisted_probe VALUES ($$kept$$)');
        await server.stop();
        await expect(postgresAnswers(server.url)).resolves.toBe(false);
        logs.length = 0;

        await server.start();

        expect(logs.some((message) => message.startsWith('initialising embedded PostgreSQL'))).toBe(false);
        await expect(query(server.url, 'SELECT note FROM persisted_probe')).resolves.toEqual([{ note: 'kept' }]);
      },
      RESTART_TIMEOUT_MS,
    );

    it(
      'starts despite a stale postmaster.pid left by a process that died',
      async () => {
        await server.stop();
        const stalePid = await deadPid();
        await writeFile(join(dataDir, 'postmaster.pid'), `${stalePid}\n${dataDir}\n0\n${5432}\n`);

        await server.start();

        expect(logs.some((message) => message.includes('adopting'))).toBe(false);
        await expect(query(server.url, 'SELECT note FROM persisted_probe')).resolves.toEqual([{ note: 'kept' }]);
      },
      RESTART_TIMEOUT_MS,
    );
  });

  describe('stop', () => {
    it(
      'returns when the server already died, instead of waiting for it forever, and starts again after',
      async () => {
        const pid = Number.parseInt((await readFile(join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]!, 10);
        process.kill(pid, 'SIGQUIT');
        await waitFor(async () => !(await postgresAnswers(server.url)), 'the killed server to stop answering');

        await server.stop();
        await server.start();

        await expect(query(server.url, 'SELECT note FROM persisted_probe')).resolves.toEqual([{ note: 'kept' }]);
      },
      RESTART_TIMEOUT_MS,
    );

    it(
      'stops the server, so nothing answers at url',
      async () => {
        await server.stop();

        await expect(postgresAnswers(server.url)).resolves.toBe(false);
      },
      RESTART_TIMEOUT_MS,
    );
  });
});
