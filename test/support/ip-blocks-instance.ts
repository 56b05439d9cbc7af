import { CommonModule, RedisModule } from '@app/common';
import { AppConfig, ConfigModule } from '@app/config';
import { testConfig } from '@app/testing';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { Test, type TestingModule } from '@nestjs/testing';

import { DatabaseModule } from '../../src/modules/database/index.js';
import { IpBlocksModule } from '../../src/modules/security/ip-blocks/ip-blocks.module.js';
import { SCHEMA } from '../../src/schema.js';

/**
 * One "instance" of the block list without HTTP: `IpBlocksModule` with its real neighbours (database, Redis,
 * events, metrics), initialised against `databaseUrl`. Several may share one database and Redis.
 */
export async function openIpBlocksInstance(databaseUrl: string, env: Record<string, string> = {}): Promise<TestingModule> {
  const moduleRef = await Test.createTestingModule({
    imports: [CommonModule, ConfigModule, DatabaseModule.forRoot(SCHEMA), EventEmitterModule.forRoot(), IpBlocksModule, RedisModule],
  })
    .overrideProvider(AppConfig)
    .useValue(testConfig({ DATABASE_URL: databaseUrl, ...env }))
    .compile();
  return moduleRef.init();
}
