import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

import type { ChannelKind } from '../../notify/notification.types.js';

/** Where alert groups are sent. The target (URLs, tokens, recipients) is stored only Fernet-encrypted. */
@Entity('notification_channels')
@Index(['createdAt', 'id'])
export class NotificationChannelEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 128, unique: true })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: ChannelKind;

  /** Fernet token of the ChannelTarget's JSON. */
  @Column({ type: 'text' })
  secret!: string;

  /** What may be shown: the target's host, or how many recipients. */
  @Column({ type: 'varchar', length: 300 })
  description!: string;

  @Column({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
