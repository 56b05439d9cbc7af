import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { freePort } from '../../support/free-port.js';
import { waitFor } from '../../support/wait-for.js';

const MAIN = fileURLToPath(new URL('../../../dist/src/main.js', import.meta.url));

/** One instance of the built app (dist/src/main.js) as its own process, as a deployment runs it. */
export class AppInstance {
  private output = '';
  private partialLine = '';
  private readonly internalErrorLines: string[] = [];

  private constructor(
    readonly name: string,
    readonly port: number,
    private readonly child: ChildProcess,
  ) {
    for (const stream of [child.stdout, child.stderr]) {
      stream?.setEncoding('utf8').on('data', (chunk: string) => {
        this.output = (this.output + chunk).slice(-200_000);
        this.keepInternalErrors(chunk);
      });
    }
  }

  static async start(name: string, env: Record<string, string>): Promise<AppInstance> {
    const port = await freePort();
    const child = spawn(process.execPath, [MAIN], {
      env: { NODE_ENV: 'development', LOG_LEVEL: 'warn', LOG_REQUESTS: 'false', DATA_DIR: mkdtempSync(join(tmpdir(), `bulwark-${name}-`)), ...env, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const instance = new AppInstance(name, port, child);
    await waitFor(async () => {
      if (child.exitCode !== null) {
        throw new Error(`${name} exited during start (${child.exitCode}):\n${instance.output.slice(-4_000)}`);
      }
      return (await fetch(`${instance.origin}/health/live`).catch(() => null))?.ok === true;
    }, `${name} to listen`, 60_000);
    return instance;
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number {
    return this.child.pid!;
  }

  get exited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  /** What the instance logged (its last 200 KB), for a failed scenario's message. */
  get log(): string {
    return this.output;
  }

  /**
   * The log lines about a 500 answer (the first 20), kept apart from the rolling log: an outage floods the log with
   * 503s, which would push the one line that explains a 500 out of it.
   */
  get internalErrors(): readonly string[] {
    return this.internalErrorLines;
  }

  private keepInternalErrors(chunk: string): void {
    const lines = (this.partialLine + chunk).split('\n');
    this.partialLine = lines.pop()!.slice(-100_000);
    for (const line of lines) {
      if (line.includes('"status":500') && this.internalErrorLines.length < 20) {
        this.internalErrorLines.push(line);
      }
    }
  }

  /** Resident memory now, from /proc (Linux). */
  async rssBytes(): Promise<number> {
    const status = await readFile(`/proc/${this.pid}/status`, 'utf8');
    return Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1] ?? Number.NaN) * 1024;
  }

  /**
   * SIGTERM, then waits for the process to finish its graceful shutdown and exit: with code 0, or by the SIGTERM that
   * Nest re-raises once its shutdown hooks are done (so the exit status still says what stopped it).
   */
  async stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (!this.exited) {
      this.child.kill('SIGTERM');
      await once(this.child, 'exit');
    }
    return { code: this.child.exitCode, signal: this.child.signalCode };
  }
}
