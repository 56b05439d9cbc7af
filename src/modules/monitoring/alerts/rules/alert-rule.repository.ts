import type { Page } from '@app/common';
import { Injectable } from '@nestjs/common';
import type { Repository } from 'typeorm';

import { TransactionalConnection } from '../../../database/index.js';
import { MonitoringException, MonitoringExceptionCode } from '../../monitoring.exception.js';
import { AlertRuleEntity } from '../entities/alert-rule.entity.js';
import { AlertEntity } from '../entities/alert.entity.js';
import { keysetPage, UUID } from '../keyset-page.util.js';

@Injectable()
export class AlertRuleRepository {
  constructor(private readonly connection: TransactionalConnection) {}

  private get rows(): Repository<AlertRuleEntity> {
    return this.connection.getRepository(AlertRuleEntity);
  }

  async insert(rule: AlertRuleEntity): Promise<AlertRuleEntity> {
    await this.rows.insert(rule);
    return this.getByIdOrThrow(rule.id);
  }

  async save(rule: AlertRuleEntity): Promise<AlertRuleEntity> {
    await this.rows.save(rule);
    return this.getByIdOrThrow(rule.id);
  }

  async findById(id: string): Promise<AlertRuleEntity | null> {
    return UUID.test(id) ? this.rows.findOneBy({ id }) : null;
  }

  async getByIdOrThrow(id: string): Promise<AlertRuleEntity> {
    const rule = await this.findById(id);
    if (rule === null) {
      throw new MonitoringException(MonitoringExceptionCode.ALERT_RULE_NOT_FOUND, `No alert rule ${id}.`);
    }
    return rule;
  }

  findAll(): Promise<AlertRuleEntity[]> {
    return this.rows.find({ order: { createdAt: 'ASC' } });
  }

  findByIds(ids: readonly string[]): Promise<AlertRuleEntity[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.rows.createQueryBuilder('rule').whereInIds([...ids]).getMany();
  }

  listPage(limit: number, cursor?: string): Promise<Page<AlertRuleEntity>> {
    return keysetPage(this.rows.createQueryBuilder('rule'), 'createdAt', limit, cursor);
  }

  /** The rule and its alerts (history included) go together: an alert without its rule means nothing. */
  async deleteWithAlerts(id: string): Promise<void> {
    await this.connection.transaction(async (manager) => {
      await manager.delete(AlertEntity, { ruleId: id });
      await manager.delete(AlertRuleEntity, { id });
    });
  }

  /** A deleted channel leaves every rule that sent to it. */
  async removeChannel(channelId: string): Promise<void> {
    await this.rows
      .createQueryBuilder()
      .update(AlertRuleEntity)
      .set({ channelIds: () => 'array_remove(channel_ids, :channelId)' })
      .where(':channelId = ANY(channel_ids)')
      .setParameter('channelId', channelId)
      .execute();
  }
}
