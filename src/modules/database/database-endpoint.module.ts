import { Module } from '@nestjs/common';

import { DatabaseEndpoint } from './database-endpoint.service.js';

/** Separate so TypeORM's async factory can inject the endpoint before the DataSource exists. */
@Module({
  exports: [DatabaseEndpoint],
  providers: [DatabaseEndpoint],
})
export class DatabaseEndpointModule {}
