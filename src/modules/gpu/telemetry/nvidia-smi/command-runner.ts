import { Injectable } from '@nestjs/common';
import { execFile, type ExecFileException } from 'node:child_process';

export interface CommandOptions {
  timeoutMs: number;
  /** Bytes of stdout or stderr kept before the child is killed: a runaway tool must not grow our heap. */
  maxBuffer: number;
}

/** How a command ended: an exit code, a signal (timeout, maxBuffer), or a spawn error such as ENOENT. */
export interface CommandResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** `ENOENT`, `EACCES`, `ERR_CHILD_PROCESS_STDIO_MAXBUFFER`… when the child could not run or was cut off. */
  errorCode: string | null;
  timedOut: boolean;
}

/** The port to external programs (nvidia-smi): tests replace exactly this, or point it at a recorded fake binary. */
export abstract class CommandRunner {
  abstract run(file: string, args: readonly string[], options: CommandOptions): Promise<CommandResult>;
}

/** Runs a program without a shell (arguments are never parsed by one), asynchronously, with a timeout. */
@Injectable()
export class ExecFileCommandRunner extends CommandRunner {
  run(file: string, args: readonly string[], options: CommandOptions): Promise<CommandResult> {
    return new Promise((resolve) => {
      execFile(
        file,
        args,
        { encoding: 'utf8', maxBuffer: options.maxBuffer, timeout: options.timeoutMs, windowsHide: true },
        (error, stdout, stderr) => {
          resolve(toResult(error, stdout, stderr));
        },
      );
    });
  }
}

function toResult(error: ExecFileException | null, stdout: string, stderr: string): CommandResult {
  if (error === null) {
    return { exitCode: 0, stdout, stderr, errorCode: null, timedOut: false };
  }
  const exitCode = typeof error.code === 'number' ? error.code : null;
  const errorCode = typeof error.code === 'string' ? error.code : null;
  // execFile's timeout kills with SIGTERM and sets `killed`; a maxBuffer overflow also kills but names its code.
  const timedOut = error.killed === true && errorCode === null && typeof error.signal === 'string';
  return { exitCode, stdout, stderr, errorCode, timedOut };
}
