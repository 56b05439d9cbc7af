import type { Page } from '@app/common';
import { Injectable } from '@nestjs/common';
import { In, type Repository } from 'typeorm';

import { TransactionalConnection } from '../../../database/index.js';
import { MonitoringException, MonitoringExceptionCode } from '../../monitoring.exception.js';
import { NotificationChannelEntity } from '../entities/notification-channel.entity.js';
import { keysetPage, UUID } from '../keyset-page.util.js';

@Injectable()
export class NotificationChannelRepository {
  constructor(private readonly connection: TransactionalConnection) {}

  private get rows(): Repository<NotificationChannelEntity> {
    return this.connection.getRepository(NotificationChannelEntity);
  }

  async insert(channel: NotificationChannelEntity): Promise<NotificationChannelEntity> {
    await this.rows.insert(channel);
    return this.getByIdOrThrow(channel.id);
  }

  async getByIdOrThrow(id: string): Promise<NotificationChannelEntity> {
    const channel = UUID.test(id) ? await this.rows.findOneBy({ id }) : null;
    if (channel === null) {
      throw new MonitoringException(MonitoringExceptionCode.CHANNEL_NOT_FOUND, `No notification channel ${id}.`);
    }
    return channel;
  }

  findByIds(ids: readonly string[]): Promise<NotificationChannelEntity[]> {
    const valid = ids.filter((id) => UUID.test(id));
    return valid.length === 0 ? Promise.resolve([]) : this.rows.findBy({ id: In(valid) });
  }

  listPage(limit: number, cursor?: string): Promise<Page<NotificationChannelEntity>> {
    return keysetPage(this.rows.createQueryBuilder('channel'), 'createdAt', limit, cursor);
  }

  async deleteById(id: string): Promise<void> {
    await this.rows.delete({ id });
  }
}
