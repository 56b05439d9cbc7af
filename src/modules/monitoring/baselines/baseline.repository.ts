import { CommonException, CommonExceptionCode, decodeCursor, toPage, type Page } from '@app/common';
import { Injectable } from '@nestjs/common';
import type { Repository } from 'typeorm';

import { TransactionalConnection } from '../../database/index.js';
import { MonitoringException, MonitoringExceptionCode } from '../monitoring.exception.js';
import { BaselineEntity } from './baseline.entity.js';

const CURSOR_KEYS = ['createdAt', 'id'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class BaselineRepository {
  constructor(private readonly connection: TransactionalConnection) {}

  private get rows(): Repository<BaselineEntity> {
    return this.connection.getRepository(BaselineEntity);
  }

  async insert(baseline: BaselineEntity): Promise<BaselineEntity> {
    await this.rows.insert(baseline);
    return baseline;
  }

  findById(id: string): Promise<BaselineEntity | null> {
    return UUID.test(id) ? this.rows.findOneBy({ id }) : Promise.resolve(null);
  }

  async getByIdOrThrow(id: string): Promise<BaselineEntity> {
    const baseline = await this.findById(id);
    if (baseline === null) {
      throw new MonitoringException(MonitoringExceptionCode.BASELINE_NOT_FOUND, `No baseline ${id}.`);
    }
    return baseline;
  }

  /** The most recently activated baseline (capture counts as activation), or null when there is none. */
  findActive(): Promise<BaselineEntity | null> {
    return this.rows.createQueryBuilder('baseline').orderBy('baseline.activatedAt', 'DESC').addOrderBy('baseline.id', 'DESC').getOne();
  }

  /** Makes `id` the active baseline; returns it, or null when there is no such baseline. */
  async markActivated(id: string, at: Date): Promise<BaselineEntity | null> {
    if (!UUID.test(id)) {
      return null;
    }
    const updated = await this.rows.update({ id }, { activatedAt: at });
    return updated.affected === 0 ? null : this.findById(id);
  }

  /** Whether a row was deleted. */
  async deleteById(id: string): Promise<boolean> {
    if (!UUID.test(id)) {
      return false;
    }
    const deleted = await this.rows.delete({ id });
    return (deleted.affected ?? 0) > 0;
  }

  /** Newest first, keyset-paginated on (created_at, id). */
  async listPage(limit: number, cursor?: string): Promise<Page<BaselineEntity>> {
    const query = this.rows.createQueryBuilder('baseline').orderBy('baseline.createdAt', 'DESC').addOrderBy('baseline.id', 'DESC').take(limit + 1);
    if (cursor !== undefined) {
      const position = decodeCursor(cursor, CURSOR_KEYS);
      const createdAt = new Date(position.createdAt);
      if (Number.isNaN(createdAt.getTime()) || typeof position.id !== 'string' || !UUID.test(position.id)) {
        throw new CommonException(CommonExceptionCode.INVALID_CURSOR, 'The cursor is malformed or expired; start again without one.');
      }
      query.andWhere('(baseline.createdAt, baseline.id) < (:createdAt, :id)', { createdAt, id: position.id });
    }
    const rows = await query.getMany();
    return toPage(rows, limit, (baseline) => ({ createdAt: baseline.createdAt.toISOString(), id: baseline.id }));
  }
}
