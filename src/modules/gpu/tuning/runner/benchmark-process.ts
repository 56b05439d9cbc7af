import { Injectable } from '@nestjs/common';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import type { ChildReply, ChildRequest, ExecutionProvider, ProbeResult, SessionBenchmarkRequest, SessionBenchmarkResult } from './benchmark-protocol.js';

// benchmark-child.ts under src/ (tests, run by Node's type stripping), benchmark-child.js under dist/.
const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const CHILD = fileURLToPath(new URL(`./benchmark-child${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url));

export class BenchmarkChildError extends Error {}

/** Runs one request in a fresh benchmark child and gives back its reply; kills it past `timeoutMs`. */
@Injectable()
export class BenchmarkProcess {
  async benchmark(request: Omit<SessionBenchmarkRequest, 'kind'>, timeoutMs: number): Promise<SessionBenchmarkResult> {
    return (await this.run({ ...request, kind: 'benchmark' }, timeoutMs)).reply as SessionBenchmarkResult;
  }

  async probe(model: Uint8Array, provider: ExecutionProvider, timeoutMs: number): Promise<ProbeResult> {
    const { reply, stderr } = await this.run({ kind: 'probe', model, provider }, timeoutMs);
    const result = reply as ProbeResult;
    // The exception says only "Failed to load shared library"; onnxruntime's log line names the file and the cause.
    const cause = /Failed to load library (\S+) with error: (.+)/.exec(stderr.replace(ANSI_COLOUR, ''));
    return result.available || cause === null ? result : { ...result, reason: `${result.reason ?? 'unavailable'} (${cause[2]!.trim().slice(0, 300)})` };
  }

  private run(request: ChildRequest, timeoutMs: number): Promise<{ reply: ChildReply; stderr: string }> {
    return new Promise((resolve, reject) => {
      const child = fork(CHILD, [], {
        execArgv: ['--disable-warning=ExperimentalWarning'],
        serialization: 'advanced',
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      });
      let stderr = '';
      let settled = false;
      const settle = (outcome: () => void): void => {
        if (!settled) {
          settled = true;
          clearTimeout(timer);
          outcome();
        }
      };
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        settle(() => reject(new BenchmarkChildError(`the benchmark did not finish within ${timeoutMs} ms`)));
      }, timeoutMs);
      child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
        stderr = (stderr + chunk).slice(-2_000);
      });
      let reply: ChildReply | undefined;
      child.once('message', (message: ChildReply) => {
        reply = message;
      });
      child.once('error', (error) => settle(() => reject(new BenchmarkChildError(error.message))));
      // 'close' comes after the exit and the end of stderr, so onnxruntime's last log lines are in.
      child.once('close', (code, signal) => {
        settle(() => {
          if (reply === undefined) {
            reject(new BenchmarkChildError(`the benchmark process ended (${signal ?? `exit ${code}`}) without a result${stderr ? `: ${lastLine(stderr)}` : ''}`));
          } else if (reply.kind === 'error') {
            reject(new BenchmarkChildError(reply.message));
          } else {
            resolve({ reply, stderr });
          }
        });
      });
      child.send(request);
    });
  }
}

function lastLine(text: string): string {
  return text.trim().split('\n').at(-1)?.slice(0, 300) ?? '';
}
