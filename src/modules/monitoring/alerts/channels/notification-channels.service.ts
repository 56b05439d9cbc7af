import { AppConfig } from '@app/config';
import { Injectable } from '@nestjs/common';

import { randomUUID } from 'node:crypto';

import { TransactionalConnection } from '../../../database/index.js';
import { CryptoService } from '../../../security/index.js';
import { AlertNotifier, type AlertGroupNotification, type ChannelTarget } from '../../notify/notification.types.js';
import { buildTestNotification } from '../dispatch/notification-builder.js';
import type { NotificationChannelEntity } from '../entities/notification-channel.entity.js';
import { AlertRuleRepository } from '../rules/alert-rule.repository.js';
import { describeTarget, parseTarget } from './channel-target.js';
import { NotificationChannelRepository } from './notification-channel.repository.js';

/** Channels: targets checked by the notifier before they are stored, stored encrypted, decrypted only to send. */
@Injectable()
export class NotificationChannelsService {
  constructor(
    private readonly channels: NotificationChannelRepository,
    private readonly config: AppConfig,
    private readonly connection: TransactionalConnection,
    private readonly crypto: CryptoService,
    private readonly notifier: AlertNotifier,
    private readonly rules: AlertRuleRepository,
  ) {}

  async create(name: string, target: ChannelTarget): Promise<NotificationChannelEntity> {
    await this.notifier.checkTarget(target);
    return this.channels.insert({
      id: randomUUID(),
      name,
      kind: target.kind,
      secret: this.crypto.encrypt(JSON.stringify(target)),
      description: describeTarget(target),
      createdAt: new Date(),
    });
  }

  async delete(id: string): Promise<void> {
    await this.channels.getByIdOrThrow(id);
    await this.connection.transaction(async () => {
      await this.rules.removeChannel(id);
      await this.channels.deleteById(id);
    });
  }

  findByIds(ids: readonly string[]): Promise<NotificationChannelEntity[]> {
    return this.channels.findByIds(ids);
  }

  targetOf(channel: NotificationChannelEntity): ChannelTarget {
    return parseTarget(this.crypto.decrypt(channel.secret).toString('utf8'));
  }

  send(channel: NotificationChannelEntity, notification: AlertGroupNotification): Promise<void> {
    return this.notifier.send(this.targetOf(channel), notification);
  }

  async sendTest(id: string): Promise<void> {
    const channel = await this.channels.getByIdOrThrow(id);
    await this.send(channel, buildTestNotification(channel.name, this.config.monitoring.externalUrl, new Date()));
  }
}
