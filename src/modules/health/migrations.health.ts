import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';

import { MigrationState } from '../database/index.js';

/** Startup gate: every migration applied (by this instance at boot, or by `npm run migration:run`). */
@Injectable()
export class MigrationsHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly migrations: MigrationState,
  ) {}

  async check(key = 'migrations'): Promise<HealthIndicatorResult> {
    const indicator = this.health.check(key);
    try {
      return (await this.migrations.allApplied())
        ? indicator.up({ pending: false })
        : indicator.down({ pending: true, message: 'migrations pending: run `npm run migration:run`' });
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : 'cannot read migrations' });
    }
  }
}
