import { CommonModule, RedisModule } from '@app/common';
import { AppConfig, ConfigModule } from '@app/config';
import { testConfig } from '@app/testing';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { Test, type TestingModule } from '@nestjs/testing';

import { DatabaseModule } from '../../src/modules/database/index.js';
import { AuthTokensModule } from '../../src/modules/security/auth-tokens/auth-tokens.module.js';
import { SCHEMA } from '../../src/schema.js';

/** Users and sessions (login, refresh tokens, throttle) with their real neighbours, against the database at `url`. */
export async function openAuthTokensModule(url: string, env: Record<string, string> = {}): Promise<TestingModule> {
  const moduleRef = await Test.createTestingModule({
    imports: [AuthTokensModule, CommonModule, ConfigModule, DatabaseModule.forRoot(SCHEMA), EventEmitterModule.forRoot(), RedisModule],
  })
    .overrideProvider(AppConfig)
    .useValue(testConfig({ DATABASE_URL: url, ...env }))
    .compile();
  return moduleRef.init();
}
