import { CommonException, CommonExceptionCode, decodeCursor, toPage, type Page } from '@app/common';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { QueryDeepPartialEntity, Repository } from 'typeorm';

import { TransactionalConnection } from '../../../database/index.js';
import { GpuException, GpuExceptionCode } from '../../gpu.exception.js';
import type { Finding, RuleId, Severity } from '../rules/rule.types.js';
import { RecommendationEntity, type RecommendationStatus } from './recommendation.entity.js';

const CURSOR_KEYS = ['firstSeen', 'id'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface RecommendationFilter {
  status?: RecommendationStatus;
  deviceId?: string;
  rule?: RuleId;
}

export interface OpenCount {
  rule: RuleId;
  severity: Severity;
  count: number;
}

@Injectable()
export class RecommendationRepository {
  constructor(private readonly connection: TransactionalConnection) {}

  private get rows(): Repository<RecommendationEntity> {
    return this.connection.getRepository(RecommendationEntity);
  }

  /** Open and dismissed rows: the ones an evaluation refreshes or resolves. */
  findUnresolved(): Promise<RecommendationEntity[]> {
    return this.rows.createQueryBuilder('rec').where(`rec.status <> 'resolved'`).getMany();
  }

  async insertOpen(deviceId: string, finding: Finding, now: Date): Promise<void> {
    await this.rows.insert({
      id: randomUUID(),
      deviceId,
      ...this.fieldsOf(finding),
      status: 'open',
      firstSeen: now,
      lastSeen: now,
      resolvedAt: null,
      dismissedAt: null,
      dismissedBy: null,
      dismissReason: null,
    });
  }

  /** The finding still holds: newest severity, text and evidence; the status (open or dismissed) stays. */
  async refresh(id: string, finding: Finding, now: Date): Promise<void> {
    await this.rows.update({ id }, { ...this.fieldsOf(finding), lastSeen: now });
  }

  async resolve(ids: readonly string[], now: Date): Promise<void> {
    if (ids.length > 0) {
      await this.rows.createQueryBuilder().update(RecommendationEntity).set({ status: 'resolved', resolvedAt: now }).whereInIds([...ids]).execute();
    }
  }

  /** Dismisses an open row; false when there is none (missing, or not open any more). */
  async dismissOpen(id: string, by: string | null, reason: string, now: Date): Promise<boolean> {
    const result = await this.rows.update({ id, status: 'open' }, { status: 'dismissed', dismissedAt: now, dismissedBy: by, dismissReason: reason });
    return (result.affected ?? 0) > 0;
  }

  async findById(id: string): Promise<RecommendationEntity | null> {
    return UUID.test(id) ? this.rows.findOneBy({ id }) : null;
  }

  async getByIdOrThrow(id: string): Promise<RecommendationEntity> {
    const row = await this.findById(id);
    if (row === null) {
      throw new GpuException(GpuExceptionCode.RECOMMENDATION_NOT_FOUND, `No recommendation ${id}.`);
    }
    return row;
  }

  async countOpen(): Promise<OpenCount[]> {
    const rows = await this.rows
      .createQueryBuilder('rec')
      .select('rec.rule', 'rule')
      .addSelect('rec.severity', 'severity')
      .addSelect('COUNT(*)::int', 'count')
      .where(`rec.status = 'open'`)
      .groupBy('rec.rule')
      .addGroupBy('rec.severity')
      .getRawMany<OpenCount>();
    return rows;
  }

  /** Newest first, keyset-paginated on (first_seen, id). */
  async listPage(limit: number, cursor: string | undefined, filter: RecommendationFilter): Promise<Page<RecommendationEntity>> {
    const query = this.rows.createQueryBuilder('rec').orderBy('rec.firstSeen', 'DESC').addOrderBy('rec.id', 'DESC').take(limit + 1);
    if (cursor !== undefined) {
      const position = decodeCursor(cursor, CURSOR_KEYS);
      const firstSeen = new Date(position.firstSeen);
      if (Number.isNaN(firstSeen.getTime()) || typeof position.id !== 'string' || !UUID.test(position.id)) {
        throw new CommonException(CommonExceptionCode.INVALID_CURSOR, 'The cursor is malformed or expired; start again without one.');
      }
      query.andWhere('(rec.firstSeen, rec.id) < (:firstSeen, :id)', { firstSeen, id: position.id });
    }
    if (filter.status !== undefined) {
      query.andWhere('rec.status = :status', { status: filter.status });
    }
    if (filter.deviceId !== undefined) {
      query.andWhere('rec.deviceId = :deviceId', { deviceId: filter.deviceId });
    }
    if (filter.rule !== undefined) {
      query.andWhere('rec.rule = :rule', { rule: filter.rule });
    }
    return toPage(await query.getMany(), limit, (row) => ({ firstSeen: row.firstSeen.toISOString(), id: row.id }));
  }

  /** The evidence is plain JSON; TypeORM's deep-partial type cannot see through its `unknown` details, hence the cast. */
  private fieldsOf(finding: Finding): QueryDeepPartialEntity<RecommendationEntity> {
    const fields: Pick<RecommendationEntity, 'rule' | 'severity' | 'title' | 'detail' | 'evidence'> = {
      rule: finding.rule,
      severity: finding.severity,
      title: finding.title.slice(0, 200),
      detail: finding.detail,
      evidence: finding.evidence,
    };
    return fields as QueryDeepPartialEntity<RecommendationEntity>;
  }
}
