import { ConsoleLogger, type LogLevel } from '@nestjs/common';

/** The CLI's logger: everything on stderr, so stdout carries only results (JSON, keys) that scripts can parse. */
export class StderrLogger extends ConsoleLogger {
  constructor(levels: LogLevel[] = ['log', 'warn', 'error', 'fatal']) {
    super('cli', { logLevels: levels, colors: false, timestamp: false });
  }

  protected override printMessages(messages: unknown[], context = '', logLevel: LogLevel = 'log'): void {
    super.printMessages(messages, context, logLevel, 'stderr');
  }
}
