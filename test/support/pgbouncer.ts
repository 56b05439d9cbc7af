import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { freePort } from './free-port.js';
import { waitFor } from './wait-for.js';

/**
 * A real PgBouncer (Debian package `pgbouncer`) in transaction mode in front of the test PostgreSQL, with a tiny
 * server pool so that client sessions really share server connections. Started as the postgres OS user when run
 * as root (PgBouncer refuses root).
 */
export class PgBouncer {
  private process?: ChildProcess;
  private dir?: string;
  port = 0;

  constructor(private readonly target: URL) {}

  /** `databaseUrl` re-pointed at this PgBouncer. */
  urlFor(databaseUrl: string): string {
    const url = new URL(databaseUrl);
    url.hostname = '127.0.0.1';
    url.port = String(this.port);
    return url.toString();
  }

  async start(): Promise<void> {
    this.dir = await mkdtemp(join(tmpdir(), 'bulwark-pgbouncer-'));
    await chmod(this.dir, 0o777);
    this.port = await freePort();
    const user = decodeURIComponent(this.target.username || 'postgres');
    const config = [
      '[databases]',
      `* = host=${this.target.hostname} port=${this.target.port || 5432} user=${user}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${this.port}`,
      'unix_socket_dir =',
      'auth_type = any',
      'pool_mode = transaction',
      'default_pool_size = 2',
      'max_client_conn = 200',
      // pg sends these as startup parameters; transaction pooling cannot keep per-client session settings.
      'ignore_startup_parameters = extra_float_digits,statement_timeout,options',
      `logfile = ${join(this.dir, 'pgbouncer.log')}`,
    ].join('\n');
    const file = join(this.dir, 'pgbouncer.ini');
    await writeFile(file, `${config}\n`, { mode: 0o644 });
    const asRoot = process.getuid?.() === 0;
    this.process = spawn('pgbouncer', [...(asRoot ? ['-u', 'postgres'] : []), file], { stdio: 'ignore' });
    const started = this.process;
    await waitFor(async () => {
      if (started.exitCode !== null) {
        throw new Error(`pgbouncer exited with ${started.exitCode} (is the Debian package pgbouncer installed?)`);
      }
      return portOpen(this.port);
    }, 'pgbouncer to listen');
  }

  async stop(): Promise<void> {
    this.process?.kill('SIGINT');
    await new Promise((resolve) => (this.process && this.process.exitCode === null ? this.process.once('exit', resolve) : resolve(undefined)));
    if (this.dir !== undefined) {
      await rm(this.dir, { force: true, recursive: true });
    }
  }
}

async function portOpen(port: number): Promise<boolean> {
  const { connect } = await import('node:net');
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
