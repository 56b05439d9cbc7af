import { newestFirstPage, type Page } from '@app/common';
import { Injectable } from '@nestjs/common';
import type { Repository } from 'typeorm';

import { TransactionalConnection } from '../../../database/index.js';
import { GpuException, GpuExceptionCode } from '../../gpu.exception.js';
import type { TuningRunResult } from './tuning-run-result.js';
import { TuningRunEntity } from './tuning-run.entity.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class TuningRunRepository {
  constructor(private readonly connection: TransactionalConnection) {}

  private get rows(): Repository<TuningRunEntity> {
    return this.connection.getRepository(TuningRunEntity);
  }

  async insert(run: TuningRunEntity): Promise<void> {
    await this.rows.insert(run);
  }

  async setJob(id: string, jobId: string): Promise<void> {
    await this.rows.update({ id }, { jobId });
  }

  async markRunning(id: string): Promise<void> {
    await this.rows.update({ id }, { error: null, status: 'running' });
  }

  async complete(id: string, result: TuningRunResult): Promise<void> {
    await this.rows.update({ id }, { completedAt: new Date(), result, status: 'completed' });
  }

  async fail(id: string, error: string): Promise<void> {
    await this.rows.update({ id }, { completedAt: new Date(), error: error.slice(0, 1_000), status: 'failed' });
  }

  async getByIdOrThrow(id: string): Promise<TuningRunEntity> {
    const run = UUID.test(id) ? await this.rows.findOneBy({ id }) : null;
    if (run === null) {
      throw new GpuException(GpuExceptionCode.TUNING_RUN_NOT_FOUND, `No tuning run ${id.slice(0, 80)}.`);
    }
    return run;
  }

  /** Newest first; one model's runs when `modelId` is given. */
  listPage(limit: number, cursor: string | undefined, modelId: string | undefined): Promise<Page<TuningRunEntity>> {
    const query = this.rows.createQueryBuilder('run');
    if (modelId !== undefined) {
      query.where('run.modelId = :modelId', { modelId });
    }
    return newestFirstPage(query, 'run', limit, cursor);
  }
}
