import { spawn } from 'node:child_process';

export interface PromtoolResult {
  code: number | null;
  /** stdout and stderr together: promtool prints lint problems on either, depending on the subcommand. */
  output: string;
}

/** Runs the system `promtool` (Debian package `prometheus`; .ci/run installs it) with `input` on stdin. */
export function promtool(args: string[], input?: string, cwd?: string): Promise<PromtoolResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('promtool', args, { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
    child.stdin.end(input ?? '');
  });
}
