import { CommonModule } from '@app/common';
import { AppConfig, ConfigModule } from '@app/config';
import { testConfig } from '@app/testing';
import { Test, type TestingModule } from '@nestjs/testing';

import { DatabaseModule } from '../../src/modules/database/index.js';
import { GpuRollupClock } from '../../src/modules/gpu/store/gpu-rollup.service.js';
import { GpuStoreModule } from '../../src/modules/gpu/store/gpu-store.module.js';
import { SCHEMA } from '../../src/schema.js';

/** A rollup clock the test sets. */
export class FixedRollupClock extends GpuRollupClock {
  at = new Date();

  now(): Date {
    return this.at;
  }
}

/**
 * `GpuStoreModule` with the real database and metrics against `url`, as an app instance has it; `env` overrides
 * configuration (GPU_*). Close it with `moduleRef.close()`, which flushes the sample writer.
 */
export async function createGpuStoreModule(url: string, env: Record<string, string> = {}): Promise<{ moduleRef: TestingModule; clock: FixedRollupClock }> {
  const clock = new FixedRollupClock();
  const moduleRef = await Test.createTestingModule({
    imports: [CommonModule, ConfigModule, DatabaseModule.forRoot(SCHEMA), GpuStoreModule],
  })
    .overrideProvider(AppConfig)
    .useValue(testConfig({ DATABASE_URL: url, ...env }))
    .overrideProvider(GpuRollupClock)
    .useValue(clock)
    .compile();
  return { moduleRef: await moduleRef.init(), clock };
}
