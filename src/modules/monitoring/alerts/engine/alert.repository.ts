import type { Page } from '@app/common';
import { Injectable } from '@nestjs/common';
import { In, type Repository } from 'typeorm';

import { TransactionalConnection } from '../../../database/index.js';
import { MonitoringException, MonitoringExceptionCode } from '../../monitoring.exception.js';
import { AlertEntity, type AlertState } from '../entities/alert.entity.js';
import { keysetPage, UUID } from '../keyset-page.util.js';

@Injectable()
export class AlertRepository {
  constructor(private readonly connection: TransactionalConnection) {}

  private get rows(): Repository<AlertEntity> {
    return this.connection.getRepository(AlertEntity);
  }

  /** Pending and firing alerts, the ones the rule engine carries from one evaluation to the next. */
  findActive(): Promise<AlertEntity[]> {
    return this.rows.findBy({ state: In(['pending', 'firing']) });
  }

  /** Firing alerts, and resolved ones some channel last heard of as firing: what dispatch has to look at. */
  findForDispatch(): Promise<AlertEntity[]> {
    return this.rows
      .createQueryBuilder('alert')
      .where(`alert.state = 'firing'`)
      .orWhere(`(alert.state = 'resolved' AND EXISTS (SELECT 1 FROM jsonb_each(alert.deliveries) AS d WHERE d.value->>'status' = 'firing'))`)
      .getMany();
  }

  async insert(alert: AlertEntity): Promise<void> {
    await this.rows.insert(alert);
  }

  async save(alert: AlertEntity): Promise<void> {
    await this.rows.save(alert);
  }

  async deleteById(id: string): Promise<void> {
    await this.rows.delete({ id });
  }

  async findById(id: string): Promise<AlertEntity | null> {
    return UUID.test(id) ? this.rows.findOneBy({ id }) : null;
  }

  async getByIdOrThrow(id: string): Promise<AlertEntity> {
    const alert = await this.findById(id);
    if (alert === null) {
      throw new MonitoringException(MonitoringExceptionCode.ALERT_NOT_FOUND, `No alert ${id}.`);
    }
    return alert;
  }

  listPage(limit: number, cursor?: string, filter: { state?: AlertState; ruleId?: string } = {}): Promise<Page<AlertEntity>> {
    const query = this.rows.createQueryBuilder('alert');
    if (filter.state !== undefined) {
      query.andWhere('alert.state = :state', { state: filter.state });
    }
    if (filter.ruleId !== undefined) {
      query.andWhere('alert.ruleId = :ruleId', { ruleId: filter.ruleId });
    }
    return keysetPage(query, 'activeAt', limit, cursor);
  }

  /** Resolved alerts older than `before` whose resolution every channel has heard (or that none heard firing). */
  async deleteResolvedBefore(before: Date): Promise<void> {
    await this.rows
      .createQueryBuilder()
      .delete()
      .from(AlertEntity)
      .where(`state = 'resolved' AND resolved_at < :before`, { before })
      .andWhere(`NOT EXISTS (SELECT 1 FROM jsonb_each(deliveries) AS d WHERE d.value->>'status' = 'firing')`)
      .execute();
  }

  async countByState(): Promise<Record<AlertState, number>> {
    const rows = await this.rows.createQueryBuilder('alert').select('alert.state', 'state').addSelect('count(*)::int', 'count').groupBy('alert.state').getRawMany<{ state: AlertState; count: number }>();
    const counts: Record<AlertState, number> = { pending: 0, firing: 0, resolved: 0 };
    for (const row of rows) {
      counts[row.state] = row.count;
    }
    return counts;
  }
}
