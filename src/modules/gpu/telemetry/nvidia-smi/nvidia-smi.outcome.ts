import type { CommandResult } from './command-runner.js';

/** What one nvidia-smi run means for collection. */
export type NvidiaSmiOutcome =
  | { kind: 'ok'; stdout: string }
  | { kind: 'no-devices' }
  | { kind: 'failed'; reason: string };

/** nvidia-smi's documented return values (`man nvidia-smi`, RETURN VALUE) that say something about the host. */
const EXIT_REASONS: Record<number, string> = {
  2: 'nvidia-smi rejected its arguments (exit 2): this driver is too old for the pinned query fields',
  3: 'the requested operation is not available on this GPU (exit 3)',
  4: 'nvidia-smi lacks the permissions it needs (exit 4)',
  6: 'the nvidia-smi query was unsuccessful (exit 6)',
  9: 'the NVIDIA driver is not loaded: NVML cannot communicate with it (exit 9)',
  12: 'the NVML shared library (libnvidia-ml.so) was not found (exit 12)',
  14: 'the GPU infoROM is corrupted (exit 14)',
  15: 'a GPU has fallen off the bus and is lost; the host needs a reboot (exit 15)',
  255: 'nvidia-smi hit an unexpected error (exit 255)',
};

const NO_DEVICES = /no devices were found/i;

/** Maps exit code, spawn error and output to an outcome whose reason an operator can act on. */
export function nvidiaSmiOutcome(result: CommandResult, file: string, timeoutMs: number): NvidiaSmiOutcome {
  if (result.errorCode === 'ENOENT') {
    return { kind: 'failed', reason: `nvidia-smi not found (${file} is not on PATH or does not exist)` };
  }
  if (result.errorCode === 'EACCES') {
    return { kind: 'failed', reason: `nvidia-smi at ${file} is not executable (EACCES)` };
  }
  if (result.errorCode === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') {
    return { kind: 'failed', reason: 'nvidia-smi wrote more output than allowed and was stopped' };
  }
  if (result.timedOut) {
    return { kind: 'failed', reason: `nvidia-smi did not answer within ${timeoutMs} ms and was killed` };
  }
  if (NO_DEVICES.test(result.stdout) || NO_DEVICES.test(result.stderr)) {
    return { kind: 'no-devices' };
  }
  if (result.exitCode === 0) {
    return { kind: 'ok', stdout: result.stdout };
  }
  return { kind: 'failed', reason: failureReason(result) };
}

function failureReason(result: CommandResult): string {
  const said = firstLine(result.stderr) ?? firstLine(result.stdout);
  const known = result.exitCode === null ? undefined : EXIT_REASONS[result.exitCode];
  const base = known ?? (result.exitCode === null ? `nvidia-smi failed (${result.errorCode ?? 'killed'})` : `nvidia-smi failed with exit ${result.exitCode}`);
  return said === null ? base : `${base}: ${said}`;
}

function firstLine(text: string): string | null {
  const line = text.split(/\r?\n/).find((candidate) => candidate.trim() !== '');
  return line === undefined ? null : line.trim().slice(0, 300);
}
