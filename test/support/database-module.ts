import { CommonModule } from '@app/common';
import { AppConfig, ConfigModule } from '@app/config';
import { testConfig } from '@app/testing';
import { Test, type TestingModule } from '@nestjs/testing';

import { DatabaseModule, type DatabaseSchema, type SchemaClass } from '../../src/modules/database/index.js';
import { SCHEMA } from '../../src/schema.js';

/**
 * `DatabaseModule` with its real neighbours (config, error mappers, metrics), initialised against `url` as the app
 * would be; `env` overrides configuration. Close it with `moduleRef.close()`.
 */
export async function createDatabaseModule(url: string, env: Record<string, string> = {}, schema: DatabaseSchema = SCHEMA): Promise<TestingModule> {
  const moduleRef = await Test.createTestingModule({ imports: [CommonModule, ConfigModule, DatabaseModule.forRoot(schema)] })
    .overrideProvider(AppConfig)
    .useValue(testConfig({ DATABASE_URL: url, ...env }))
    .compile();
  return moduleRef.init();
}

/** The app's schema plus fixture entities a test defines (their tables are the test's to create). */
export function schemaWith(...entities: SchemaClass[]): DatabaseSchema {
  const appEntities = Array.isArray(SCHEMA.entities) ? SCHEMA.entities : Object.values(SCHEMA.entities);
  return { entities: [...appEntities, ...entities], migrations: SCHEMA.migrations };
}
