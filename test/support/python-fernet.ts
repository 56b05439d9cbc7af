import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The system Python, where Debian's python3-cryptography installs (a pyenv python3 may come first on PATH). */
export const SYSTEM_PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./python-fernet.py', import.meta.url));

export type PythonFernetOp =
  | { op: 'generate_key' }
  | { op: 'encrypt'; key: string; plaintext: string }
  | { op: 'decrypt'; keys: string[]; token: string; ttl?: number }
  | { op: 'rotate'; keys: string[]; token: string }
  | { op: 'timestamp'; key: string; token: string };

export interface PythonFernetResult {
  key?: string;
  token?: string;
  plaintext?: string;
  error?: 'InvalidToken';
  timestamp?: number;
}

/** Throws, saying how to install it, unless the system Python can import cryptography.fernet. */
export function requirePythonCryptography(): void {
  const probe = spawnSync(SYSTEM_PYTHON, ['-c', 'import cryptography.fernet'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      `The Fernet interop test needs Python 3 with pyca/cryptography at ${SYSTEM_PYTHON} ` +
        `(${probe.error?.message ?? probe.stderr.trim().split('\n').at(-1)}). Install it with ` +
        '`apt-get update && apt-get install -y python3-cryptography` (.ci/run does this) and run again.',
    );
  }
}

/** Runs `ops` in one Python process with pyca/cryptography; plaintexts travel as standard base64. */
export function pythonFernet(ops: PythonFernetOp[]): Promise<PythonFernetResult[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(SYSTEM_PYTHON, [SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new Error(`python-fernet.py exited with ${code}: ${stderr}`));
        return;
      }
      resolve(JSON.parse(stdout) as PythonFernetResult[]);
    });
    child.stdin.end(JSON.stringify(ops));
  });
}
