import { CommonException, CommonExceptionCode, decodeCursor, toPage, type Page } from '@app/common';
import { Injectable } from '@nestjs/common';
import type { Repository } from 'typeorm';

import { TransactionalConnection } from '../../database/index.js';
import { CdnException, CdnExceptionCode } from '../cdn.exception.js';
import { AssetEntity, type AssetStatus } from './asset.entity.js';

const CURSOR_KEYS = ['createdAt', 'id'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX_PREFIX = /^[0-9a-f]{1,64}$/;

export type NewAsset = Omit<AssetEntity, 'optimizedBytes' | 'status' | 'failureReason' | 'jobId' | 'updatedAt'>;

@Injectable()
export class AssetRepository {
  constructor(private readonly connection: TransactionalConnection) {}

  private get rows(): Repository<AssetEntity> {
    return this.connection.getRepository(AssetEntity);
  }

  /** Inserts the asset unless the same name already holds the same content; returns the row that is there now. */
  async insertOrFindExisting(asset: NewAsset): Promise<{ asset: AssetEntity; created: boolean }> {
    const inserted = await this.rows
      .createQueryBuilder()
      .insert()
      .into(AssetEntity)
      .values({ ...asset, status: 'processing', optimizedBytes: null, failureReason: null, jobId: null, updatedAt: asset.createdAt })
      .orIgnore()
      .returning('*')
      .execute();
    if ((inserted.raw as unknown[]).length > 0) {
      return { asset: await this.getByIdOrThrow(asset.id), created: true };
    }
    const existing = await this.rows.findOneByOrFail({ contentHash: asset.contentHash, name: asset.name });
    return { asset: existing, created: false };
  }

  async findById(id: string): Promise<AssetEntity | null> {
    return UUID.test(id) ? this.rows.findOneBy({ id }) : null;
  }

  async getByIdOrThrow(id: string): Promise<AssetEntity> {
    const asset = await this.findById(id);
    if (asset === null) {
      throw new CdnException(CdnExceptionCode.ASSET_NOT_FOUND, `No asset ${id}.`);
    }
    return asset;
  }

  /** The asset an immutable URL names: its name and a prefix of its content hash. */
  async findByUrl(hashPrefix: string, name: string): Promise<AssetEntity | null> {
    if (!HEX_PREFIX.test(hashPrefix)) {
      return null;
    }
    return this.rows
      .createQueryBuilder('asset')
      .where('asset.name = :name', { name })
      .andWhere('asset.contentHash LIKE :prefix', { prefix: `${hashPrefix}%` })
      .orderBy('asset.createdAt', 'DESC')
      .getOne();
  }

  /** The newest upload of `name`, the target of its alias URL. */
  findLatestByName(name: string): Promise<AssetEntity | null> {
    return this.rows.createQueryBuilder('asset').where('asset.name = :name', { name }).orderBy('asset.createdAt', 'DESC').addOrderBy('asset.id', 'DESC').getOne();
  }

  findByTags(tags: readonly string[]): Promise<AssetEntity[]> {
    return this.rows.createQueryBuilder('asset').where('asset.tags && :tags', { tags: [...tags] }).getMany();
  }

  findByContent(contentHash: string, kind: string): Promise<AssetEntity[]> {
    return this.rows.findBy({ contentHash, kind });
  }

  findByContentHash(contentHash: string): Promise<AssetEntity[]> {
    return this.rows.findBy({ contentHash });
  }

  async countByContent(contentHash: string): Promise<number> {
    return this.rows.countBy({ contentHash });
  }

  async setJob(ids: readonly string[], jobId: string): Promise<void> {
    await this.rows.createQueryBuilder().update(AssetEntity).set({ jobId }).whereInIds([...ids]).execute();
  }

  async markProcessed(contentHash: string, kind: string, status: AssetStatus, optimizedBytes: number | null, failureReason: string | null): Promise<void> {
    await this.rows.update({ contentHash, kind }, { status, optimizedBytes, failureReason: failureReason?.slice(0, 500) ?? null, updatedAt: new Date() });
  }

  async deleteById(id: string): Promise<void> {
    await this.rows.delete({ id });
  }

  /** Newest first, keyset-paginated on (created_at, id). */
  async listPage(limit: number, cursor?: string, name?: string): Promise<Page<AssetEntity>> {
    const query = this.rows.createQueryBuilder('asset').orderBy('asset.createdAt', 'DESC').addOrderBy('asset.id', 'DESC').take(limit + 1);
    if (cursor !== undefined) {
      const position = decodeCursor(cursor, CURSOR_KEYS);
      const createdAt = new Date(position.createdAt);
      if (Number.isNaN(createdAt.getTime()) || typeof position.id !== 'string' || !UUID.test(position.id)) {
        throw new CommonException(CommonExceptionCode.INVALID_CURSOR, 'The cursor is malformed or expired; start again without one.');
      }
      query.andWhere('(asset.createdAt, asset.id) < (:createdAt, :id)', { createdAt, id: position.id });
    }
    if (name !== undefined) {
      query.andWhere('asset.name = :name', { name });
    }
    const rows = await query.getMany();
    return toPage(rows, limit, (asset) => ({ createdAt: asset.createdAt.toISOString(), id: asset.id }));
  }
}
