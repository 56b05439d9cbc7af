import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { DatabaseEndpoint } from './database-endpoint.service.js';

/** Runs after the HTTP server stopped: close the pool first, then the embedded server it was talking to. */
@Injectable()
export class DatabaseShutdown implements OnApplicationShutdown {
  private readonly logger = new Logger('Database');

  constructor(
    private readonly dataSource: DataSource,
    private readonly endpoint: DatabaseEndpoint,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) {
      await this.dataSource.destroy().catch((error: unknown) => this.logger.warn(`closing the pool failed: ${String(error)}`));
    }
    await this.endpoint.stop();
  }
}
