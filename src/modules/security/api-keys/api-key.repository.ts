import { Injectable } from '@nestjs/common';
import { IsNull, type Repository } from 'typeorm';

import { TransactionalConnection } from '../../database/index.js';
import { ApiKeyEntity } from './api-key.entity.js';

export interface KeysetPosition {
  createdAt: string;
  id: string;
}

@Injectable()
export class ApiKeyRepository {
  constructor(private readonly connection: TransactionalConnection) {}

  private get repository(): Repository<ApiKeyEntity> {
    return this.connection.getRepository(ApiKeyEntity);
  }

  async insert(values: Omit<ApiKeyEntity, 'id' | 'createdAt' | 'lastUsedAt' | 'revokedAt' | 'rotatedAt' | 'validUntil' | 'replacedById'>): Promise<ApiKeyEntity> {
    return this.repository.save(this.repository.create({ ...values, lastUsedAt: null, revokedAt: null, rotatedAt: null, validUntil: null, replacedById: null }));
  }

  findByPublicId(publicId: string): Promise<ApiKeyEntity | null> {
    return this.repository.findOneBy({ publicId });
  }

  findById(id: string): Promise<ApiKeyEntity | null> {
    return this.repository.findOneBy({ id });
  }

  /** Newest first, keyset-paginated on (created_at, id). */
  listPage(limit: number, after?: KeysetPosition): Promise<ApiKeyEntity[]> {
    const query = this.repository.createQueryBuilder('key').orderBy('key.created_at', 'DESC').addOrderBy('key.id', 'DESC').limit(limit);
    if (after) {
      query.where('(key.created_at, key.id) < (:createdAt, :id)', after);
    }
    return query.getMany();
  }

  async markRotated(id: string, replacedById: string, validUntil: Date): Promise<void> {
    await this.repository.update({ id }, { rotatedAt: new Date(), replacedById, validUntil });
  }

  /** Revokes the key if it is not already; returns whether it changed. */
  async markRevoked(id: string): Promise<boolean> {
    const result = await this.repository.update({ id, revokedAt: IsNull() }, { revokedAt: new Date() });
    return (result.affected ?? 0) > 0;
  }

  /** One statement for a whole batch of last-used times. */
  async touchLastUsed(entries: ReadonlyMap<string, Date>): Promise<void> {
    if (entries.size === 0) {
      return;
    }
    await this.connection.manager.query(
      `UPDATE api_keys SET last_used_at = GREATEST(COALESCE(api_keys.last_used_at, v.at), v.at)
         FROM (SELECT unnest($1::uuid[]) AS id, unnest($2::timestamptz[]) AS at) AS v
        WHERE api_keys.id = v.id`,
      [[...entries.keys()], [...entries.values()].map((at) => at.toISOString())],
    );
  }

  count(): Promise<number> {
    return this.repository.count();
  }
}
