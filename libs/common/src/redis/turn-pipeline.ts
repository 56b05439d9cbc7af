import type { Redis } from 'ioredis';

type Argument = string | number | Buffer;

/** A command's arguments, or a function that returns them when the pipeline goes out (see `call`). */
type Arguments = readonly Argument[] | (() => readonly Argument[]);

interface PendingCommand {
  readonly command: string;
  readonly args: Arguments;
  readonly resolve: (reply: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Sends the commands issued during one turn of the event loop as one pipeline: one socket write and, usually, one
 * read for all of them instead of one each. On loopback and in VMs a write costs the sender the receiver's whole
 * TCP delivery, so with many requests in flight the per-request write dominated the rate limiter's cost.
 *
 * Written here because ioredis' `enableAutoPipelining` flushes on `process.nextTick`, which Node drains after each
 * socket's callback: requests arriving on different HTTP connections in the same poll phase were never batched.
 * `setImmediate` runs once after the whole poll phase, so they are. Each command still gets its own reply or error.
 */
export class TurnPipeline {
  private pending: PendingCommand[] = [];

  constructor(private readonly client: Redis) {}

  /**
   * Queues `command` for this turn's pipeline. `args` may be a function: it is called when the pipeline goes out, so a
   * caller can keep adding to one command (say, a count of coalesced requests) until then.
   */
  call(command: string, args: Arguments): Promise<unknown> {
    return new Promise((resolve, reject) => {
      if (this.pending.push({ command, args, resolve, reject }) === 1) {
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 1) {
      const [only] = batch as [PendingCommand];
      this.client.call(only.command, ...argumentsOf(only)).then(only.resolve, only.reject);
      return;
    }
    const pipeline = this.client.pipeline();
    for (const entry of batch) {
      pipeline.call(entry.command, ...argumentsOf(entry));
    }
    pipeline.exec().then(
      (replies) => {
        batch.forEach((entry, index) => {
          const [error, reply] = replies?.[index] ?? [new Error('Redis pipeline returned no reply'), null];
          if (error) {
            entry.reject(error);
          } else {
            entry.resolve(reply);
          }
        });
      },
      (error: unknown) => {
        for (const entry of batch) {
          entry.reject(error);
        }
      },
    );
  }
}

function argumentsOf({ args }: PendingCommand): readonly Argument[] {
  return typeof args === 'function' ? args() : args;
}
