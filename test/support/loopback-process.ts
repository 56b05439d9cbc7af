import { spawn } from 'node:child_process';
import { connect } from 'node:net';

import { waitFor } from './wait-for.js';

export interface LoopbackProcess {
  /** Ends the process (SIGTERM) and waits for it; safe to call twice. */
  stop(): Promise<void>;
}

export interface NodeServerOptions {
  cwd?: string;
  nodeFlags?: string[];
}

/**
 * Runs a Node script from node_modules (with this Node, not the system one) and waits until it accepts TCP
 * connections on 127.0.0.1:`port`. Kills it if it never does.
 */
export async function startNodeServer(script: string, args: string[], port: number, what: string, options: NodeServerOptions = {}): Promise<LoopbackProcess> {
  const child = spawn(process.execPath, [...(options.nodeFlags ?? []), script, ...args], { cwd: options.cwd, stdio: 'ignore' });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
    }
    await exited;
  };
  try {
    await waitFor(
      async () => {
        if (child.exitCode !== null) {
          throw new Error(`${what} exited with ${child.exitCode}`);
        }
        return portOpen(port);
      },
      `${what} to listen`,
      60_000,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { stop };
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}
