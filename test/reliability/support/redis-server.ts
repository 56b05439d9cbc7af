import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createConnection } from 'node:net';

import { freePort } from '../../support/free-port.js';
import { waitFor } from '../../support/wait-for.js';

/**
 * A redis-server of the suite's own on a free port (no persistence), so a scenario can kill it and start it again
 * on the same port without touching the shared Redis other tests use.
 */
export class DedicatedRedis {
  private process: ChildProcess | null = null;

  private constructor(readonly port: number) {}

  static async start(): Promise<DedicatedRedis> {
    const redis = new DedicatedRedis(await freePort());
    await redis.restart();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async restart(): Promise<void> {
    this.process = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await waitFor(() => accepts(this.port), `redis-server on ${this.port}`, 10_000);
  }

  /** SIGKILL: no shutdown, connections cut mid-command, as a crashed server does. */
  async kill(): Promise<void> {
    const process = this.process;
    this.process = null;
    if (process !== null && process.exitCode === null) {
      process.kill('SIGKILL');
      await once(process, 'exit');
    }
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
