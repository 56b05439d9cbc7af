import { CommonException, CommonExceptionCode, decodeCursor, toPage, type Page } from '@app/common';
import { Injectable } from '@nestjs/common';
import type { Repository, SelectQueryBuilder } from 'typeorm';

import { TransactionalConnection } from '../../../database/index.js';
import { SecurityException, SecurityExceptionCode } from '../../security.exception.js';
import { IpBlockEntity } from '../entities/ip-block.entity.js';
import type { IpBlock, IpBlockSource, NewIpBlock } from '../ip-block.js';

export interface IpBlockListFilter {
  limit: number;
  cursor?: string;
  source?: IpBlockSource;
  /** true: unexpired only; false: expired only; undefined: both. */
  active?: boolean;
  now: Date;
}

const CURSOR_KEYS = ['createdAt', 'id'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function toIpBlock(row: IpBlockEntity): IpBlock {
  return {
    id: row.id,
    cidr: row.cidr,
    reason: row.reason,
    source: row.source,
    expiresAt: row.expiresAt,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
  };
}

@Injectable()
export class IpBlockRepository {
  constructor(private readonly connection: TransactionalConnection) {}

  private get rows(): Repository<IpBlockEntity> {
    return this.connection.getRepository(IpBlockEntity);
  }

  private whereActive(query: SelectQueryBuilder<IpBlockEntity>, now: Date): SelectQueryBuilder<IpBlockEntity> {
    return query.andWhere('(block.expiresAt IS NULL OR block.expiresAt > :now)', { now });
  }

  async insert(block: NewIpBlock): Promise<IpBlock> {
    const saved = await this.rows.save(this.rows.create(block));
    return toIpBlock(saved);
  }

  async findById(id: string): Promise<IpBlock | null> {
    const row = await this.rows.findOneBy({ id });
    return row ? toIpBlock(row) : null;
  }

  async getByIdOrThrow(id: string): Promise<IpBlock> {
    const block = await this.findById(id);
    if (!block) {
      throw new SecurityException(SecurityExceptionCode.IP_BLOCK_NOT_FOUND, `No IP block has id ${id}.`);
    }
    return block;
  }

  async findActiveById(id: string, now: Date): Promise<IpBlock | null> {
    const row = await this.whereActive(this.rows.createQueryBuilder('block').where('block.id = :id', { id }), now).getOne();
    return row ? toIpBlock(row) : null;
  }

  /** Every block that has not expired at `now`: what the matcher holds. */
  async listActive(now: Date): Promise<IpBlock[]> {
    const rows = await this.whereActive(this.rows.createQueryBuilder('block'), now).getMany();
    return rows.map(toIpBlock);
  }

  /** Newest first, keyset-paginated on (created_at, id). */
  async listPage(filter: IpBlockListFilter): Promise<Page<IpBlock>> {
    const query = this.rows.createQueryBuilder('block').orderBy('block.createdAt', 'DESC').addOrderBy('block.id', 'DESC').take(filter.limit + 1);
    if (filter.cursor !== undefined) {
      const position = decodeCursor(filter.cursor, CURSOR_KEYS);
      const createdAt = new Date(position.createdAt);
      if (Number.isNaN(createdAt.getTime()) || typeof position.id !== 'string' || !UUID.test(position.id)) {
        throw new CommonException(CommonExceptionCode.INVALID_CURSOR, 'The cursor is malformed or expired; start again without one.');
      }
      query.andWhere('(block.createdAt, block.id) < (:createdAt, :id)', { createdAt, id: position.id });
    }
    if (filter.source !== undefined) {
      query.andWhere('block.source = :source', { source: filter.source });
    }
    if (filter.active === true) {
      this.whereActive(query, filter.now);
    } else if (filter.active === false) {
      query.andWhere('block.expiresAt <= :now', { now: filter.now });
    }
    const rows = await query.getMany();
    return toPage(rows.map(toIpBlock), filter.limit, (block) => ({ createdAt: block.createdAt.toISOString(), id: block.id }));
  }

  /** Deletes and returns the block, or null when there was none; of two concurrent deletes only one gets it. */
  deleteById(id: string): Promise<IpBlock | null> {
    return this.connection.transaction(async () => {
      const row = await this.rows.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!row) {
        return null;
      }
      await this.rows.delete({ id });
      return toIpBlock(row);
    });
  }
}
