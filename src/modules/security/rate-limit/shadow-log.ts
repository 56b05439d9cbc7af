import { Logger } from '@nestjs/common';

/**
 * Logs what shadow mode would have limited, at most once a second plus a count of the rest, so an abusive client
 * cannot flood the log through it.
 */
export class ShadowLog {
  private readonly logger = new Logger('RateLimit');
  private lastAt = 0;
  private suppressed = 0;

  constructor(private readonly now: () => number = Date.now) {}

  record(tracker: string, method: string, route: string): void {
    const now = this.now();
    if (now - this.lastAt < 1000) {
      this.suppressed++;
      return;
    }
    const more = this.suppressed > 0 ? ` (+${this.suppressed} more since the last line)` : '';
    this.logger.warn(`Shadow mode: would have limited ${tracker} on ${method} ${route}${more}`);
    this.lastAt = now;
    this.suppressed = 0;
  }
}
