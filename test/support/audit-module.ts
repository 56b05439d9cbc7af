import { CommonModule } from '@app/common';
import { AppConfig, ConfigModule } from '@app/config';
import { testConfig } from '@app/testing';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { Test, type TestingModule } from '@nestjs/testing';

import { DatabaseModule } from '../../src/modules/database/index.js';
import { AuditModule } from '../../src/modules/security/audit/audit.module.js';
import { SCHEMA } from '../../src/schema.js';

/**
 * `AuditModule` with the real database, metrics and event bus, against `url`, as an app instance has it;
 * `env` overrides configuration (AUDIT_*). Close it with `moduleRef.close()`, which flushes the writer.
 */
export async function createAuditModule(url: string, env: Record<string, string> = {}): Promise<TestingModule> {
  const moduleRef = await Test.createTestingModule({
    imports: [AuditModule, CommonModule, ConfigModule, DatabaseModule.forRoot(SCHEMA), EventEmitterModule.forRoot()],
  })
    .overrideProvider(AppConfig)
    .useValue(testConfig({ DATABASE_URL: url, ...env }))
    .compile();
  return moduleRef.init();
}
