import { Injectable } from '@nestjs/common';
import type { EntityManager, QueryDeepPartialEntity } from 'typeorm';

import { TransactionalConnection } from '../../database/index.js';
import { AUDIT_CHAIN_LOCK_KEY, GENESIS_HASH } from './audit.constants.js';
import { AuditEventEntity } from './audit-event.entity.js';
import { auditHash } from './audit-hash.util.js';
import type { AppendResult, AuditDraft, AuditFilter, AuditRecord } from './audit-record.js';
import type { AuditSink } from './audit-writer.js';

/** 15 columns a row: 1 000 rows stay well under PostgreSQL's 65 535 bind parameters per statement. */
const INSERT_CHUNK = 1_000;

export interface SequenceRange {
  /** Exclusive lower bound. */
  after?: number;
  /** Exclusive upper bound. */
  before?: number;
  /** Inclusive upper bound (a snapshot's end, so long scans do not chase new rows). */
  upTo?: number;
}

const keyOf = (draft: AuditDraft): string => JSON.stringify([draft.ingestedBy, draft.idempotencyKey]);

function firstOfEachKey(drafts: readonly AuditDraft[]): AuditDraft[] {
  const seen = new Set<string>();
  return drafts.filter((draft) => {
    const key = keyOf(draft);
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

function toRecord(entity: AuditEventEntity): AuditRecord {
  return { ...entity };
}

@Injectable()
export class AuditRepository implements AuditSink {
  constructor(private readonly connection: TransactionalConnection) {}

  /**
   * Chains and stores `drafts` in one transaction, under an advisory lock every instance takes, so the chain stays
   * linear: read the last hash, number and hash the batch, insert. Events already stored (same ingestedBy and
   * idempotencyKey) are skipped, which makes a retried batch safe. Always its own transaction, never a caller's:
   * the lock must be held briefly, and the writer flushes from whatever async context recorded the event.
   */
  append(drafts: readonly AuditDraft[]): Promise<AppendResult> {
    if (drafts.length === 0) {
      return Promise.resolve({ stored: 0, duplicates: 0 });
    }
    return this.connection.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK_KEY]);
      const fresh = await this.withoutStored(manager, firstOfEachKey(drafts));
      const rows = this.chain(await this.lastLink(manager), fresh);
      for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
        // TypeORM's partial type cannot express a jsonb Record; the rows are whole entities.
        await manager.insert(AuditEventEntity, rows.slice(start, start + INSERT_CHUNK) as QueryDeepPartialEntity<AuditEventEntity>[]);
      }
      return { stored: rows.length, duplicates: drafts.length - rows.length };
    });
  }

  /** Events matching `filter` within `range`, by sequence in `order`, at most `limit`. */
  async findEvents(filter: AuditFilter, range: SequenceRange, limit: number, order: 'ASC' | 'DESC'): Promise<AuditRecord[]> {
    const query = this.connection.getRepository(AuditEventEntity).createQueryBuilder('event');
    if (filter.action !== undefined) {
      query.andWhere('event.action = :action', { action: filter.action });
    }
    if (filter.actorId !== undefined) {
      query.andWhere('event.actorId = :actorId', { actorId: filter.actorId });
    }
    if (filter.outcome !== undefined) {
      query.andWhere('event.outcome = :outcome', { outcome: filter.outcome });
    }
    if (filter.from !== undefined) {
      query.andWhere('event.occurredAt >= :from', { from: filter.from });
    }
    if (filter.to !== undefined) {
      query.andWhere('event.occurredAt < :to', { to: filter.to });
    }
    if (range.after !== undefined) {
      query.andWhere('event.sequence > :after', { after: range.after });
    }
    if (range.before !== undefined) {
      query.andWhere('event.sequence < :before', { before: range.before });
    }
    if (range.upTo !== undefined) {
      query.andWhere('event.sequence <= :upTo', { upTo: range.upTo });
    }
    const entities = await query.orderBy('event.sequence', order).limit(limit).getMany();
    return entities.map(toRecord);
  }

  /** The sequence of the newest event, 0 when the log is empty. */
  async lastSequence(): Promise<number> {
    const [row] = await this.connection.manager.query<{ sequence: string }[]>('SELECT max(sequence) AS sequence FROM audit_events');
    return Number(row?.sequence ?? 0);
  }

  private async lastLink(manager: EntityManager): Promise<{ sequence: number; hash: string }> {
    const [row] = await manager.query<{ sequence: string; hash: string }[]>(
      'SELECT sequence, hash FROM audit_events ORDER BY sequence DESC LIMIT 1',
    );
    return row ? { sequence: Number(row.sequence), hash: row.hash } : { sequence: 0, hash: GENESIS_HASH };
  }

  private chain(last: { sequence: number; hash: string }, drafts: readonly AuditDraft[]): AuditEventEntity[] {
    let { sequence, hash: prevHash } = last;
    return drafts.map((draft) => {
      sequence += 1;
      const hash = auditHash(prevHash, sequence, draft);
      const row = Object.assign(new AuditEventEntity(), draft, { sequence, prevHash, hash });
      prevHash = hash;
      return row;
    });
  }

  private async withoutStored(manager: EntityManager, drafts: AuditDraft[]): Promise<AuditDraft[]> {
    const stored = await manager.query<{ ingested_by: string; idempotency_key: string }[]>(
      `SELECT ingested_by, idempotency_key FROM audit_events
        WHERE (ingested_by, idempotency_key) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
      [drafts.map((draft) => draft.ingestedBy), drafts.map((draft) => draft.idempotencyKey)],
    );
    const storedKeys = new Set(stored.map((row) => JSON.stringify([row.ingested_by, row.idempotency_key])));
    return drafts.filter((draft) => !storedKeys.has(keyOf(draft)));
  }
}
