import { EmbeddedPostgresServer, redactUrl } from '@app/common';
import { AppConfig } from '@app/config';
import { Injectable, Logger } from '@nestjs/common';

const EMBEDDED_DATABASE = 'bulwark';

/** Where the database is: `DATABASE_URL`, or an embedded PostgreSQL started on first use. */
@Injectable()
export class DatabaseEndpoint {
  private readonly logger = new Logger('Database');
  private embedded?: EmbeddedPostgresServer;
  private resolved?: Promise<string>;

  constructor(private readonly config: AppConfig) {}

  get mode(): 'embedded' | 'external' {
    return this.config.database.mode;
  }

  url(): Promise<string> {
    this.resolved ??= this.resolve();
    return this.resolved;
  }

  /** The URL with its password hidden, for logs and the system info endpoint. */
  async describe(): Promise<string> {
    return redactUrl(await this.url());
  }

  /** Stops the embedded server, if this instance started one. */
  async stop(): Promise<void> {
    if (this.embedded) {
      this.logger.log('stopping embedded PostgreSQL');
      await this.embedded.stop();
      this.embedded = undefined;
      this.resolved = undefined;
    }
  }

  private async resolve(): Promise<string> {
    const { database } = this.config;
    if (database.mode === 'external' && database.url) {
      return database.url;
    }
    const { port, password, dataDir } = database.embedded;
    this.embedded = new EmbeddedPostgresServer({
      dataDir,
      port,
      password,
      database: EMBEDDED_DATABASE,
      log: (message) => this.logger.debug(message),
    });
    const started = performance.now();
    await this.embedded.start();
    this.logger.log(`embedded PostgreSQL ready on 127.0.0.1:${port} (data ${dataDir}) in ${Math.round(performance.now() - started)} ms`);
    return this.embedded.url;
  }
}
