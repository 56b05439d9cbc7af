import { CommonException, CommonExceptionCode, decodeCursor, toPage, type Page } from '@app/common';
import { Injectable } from '@nestjs/common';
import type { Repository } from 'typeorm';

import { TransactionalConnection } from '../../database/index.js';
import { ThreatEventEntity } from './threat-event.entity.js';
import type { ThreatEvent } from './threat-event.js';

export interface ThreatEventFilter {
  limit: number;
  cursor?: string;
  ip?: string;
  class?: string;
  action?: string;
}

const CURSOR_KEYS = ['firstSeenAt', 'id'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function toThreatEvent(row: ThreatEventEntity): ThreatEvent {
  const { id, ip, method, route, action, score, matches, count, principal, requestId, firstSeenAt, lastSeenAt } = row;
  return { id, ip, method, route, action: action as ThreatEvent['action'], classes: row.classes as ThreatEvent['classes'], score, matches, count, principal, requestId, firstSeenAt, lastSeenAt };
}

@Injectable()
export class ThreatEventRepository {
  constructor(private readonly connection: TransactionalConnection) {}

  private get rows(): Repository<ThreatEventEntity> {
    return this.connection.getRepository(ThreatEventEntity);
  }

  /**
   * Inserts new rows and brings folded ones up to date in one statement. Counts are absolute, so writing the same
   * state twice (a retry after a timeout) changes nothing.
   */
  async upsert(events: readonly ThreatEvent[]): Promise<void> {
    if (events.length === 0) {
      return;
    }
    await this.rows
      .createQueryBuilder()
      .insert()
      .into(ThreatEventEntity)
      .values(events.map((event) => ({ ...event })))
      .orUpdate(['count', 'score', 'last_seen_at'], ['id'])
      .execute();
  }

  async findById(id: string): Promise<ThreatEvent | null> {
    if (!UUID.test(id)) {
      return null;
    }
    const row = await this.rows.findOneBy({ id });
    return row ? toThreatEvent(row) : null;
  }

  /** Newest first, keyset-paginated on (first_seen_at, id), which never change once written. */
  async listPage(filter: ThreatEventFilter): Promise<Page<ThreatEvent>> {
    const query = this.rows.createQueryBuilder('event').orderBy('event.firstSeenAt', 'DESC').addOrderBy('event.id', 'DESC').take(filter.limit + 1);
    if (filter.cursor !== undefined) {
      const position = decodeCursor(filter.cursor, CURSOR_KEYS);
      const firstSeenAt = new Date(position.firstSeenAt);
      if (Number.isNaN(firstSeenAt.getTime()) || typeof position.id !== 'string' || !UUID.test(position.id)) {
        throw new CommonException(CommonExceptionCode.INVALID_CURSOR, 'The cursor is malformed or expired; start again without one.');
      }
      query.andWhere('(event.firstSeenAt, event.id) < (:firstSeenAt, :id)', { firstSeenAt, id: position.id });
    }
    if (filter.ip !== undefined) {
      query.andWhere('event.ip = :ip', { ip: filter.ip });
    }
    if (filter.class !== undefined) {
      query.andWhere(':class = ANY(event.classes)', { class: filter.class });
    }
    if (filter.action !== undefined) {
      query.andWhere('event.action = :action', { action: filter.action });
    }
    const rows = await query.getMany();
    return toPage(rows.map(toThreatEvent), filter.limit, (event) => ({ firstSeenAt: event.firstSeenAt.toISOString(), id: event.id }));
  }
}
