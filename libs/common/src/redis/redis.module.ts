import { Global, Module } from '@nestjs/common';

import { RedisConnection } from './redis-connection.js';

/** Ambient Redis connection (optional): see {@link RedisConnection}. */
@Global()
@Module({
  exports: [RedisConnection],
  providers: [RedisConnection],
})
export class RedisModule {}
