import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Whether every known migration has been applied: the startup probe's question. Once true, stays true. */
@Injectable()
export class MigrationState {
  private applied = false;

  constructor(private readonly dataSource: DataSource) {}

  async allApplied(): Promise<boolean> {
    if (!this.applied) {
      this.applied = !(await this.dataSource.showMigrations());
    }
    return this.applied;
  }
}
