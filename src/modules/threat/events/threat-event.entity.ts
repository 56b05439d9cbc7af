import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

import type { StoredThreatMatch } from './threat-event.js';

/**
 * One detection, or many alike: repeats from the same address on the same route with the same classes and action
 * within `THREAT_EVENT_WINDOW_MS` fold into one row (`count`, `lastSeenAt`), so a flood writes a few rows, not one
 * per request. The id is made by the instance when the first request is seen, so a 403 can name it at once.
 */
@Entity('threat_events')
@Index(['firstSeenAt', 'id'])
@Index(['ip', 'firstSeenAt'])
export class ThreatEventEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 64 })
  ip!: string;

  @Column({ type: 'varchar', length: 16 })
  method!: string;

  /** The route template (`/v1/items/:id`), never the raw path. */
  @Column({ type: 'varchar', length: 300 })
  route!: string;

  @Column({ type: 'varchar', length: 16 })
  action!: string;

  @Column({ type: 'text', array: true })
  classes!: string[];

  /** The highest anomaly score among the folded requests. */
  @Column({ type: 'integer' })
  score!: number;

  /** The first request's matches; fragments are cut to 64 characters. */
  @Column({ type: 'jsonb' })
  matches!: StoredThreatMatch[];

  @Column({ type: 'integer' })
  count!: number;

  @Column({ type: 'varchar', length: 200, nullable: true })
  principal!: string | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  requestId!: string | null;

  @Column({ type: 'timestamptz', precision: 3 })
  firstSeenAt!: Date;

  @Column({ type: 'timestamptz', precision: 3 })
  lastSeenAt!: Date;
}
