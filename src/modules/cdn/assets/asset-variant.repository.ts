import { Injectable } from '@nestjs/common';
import type { Repository } from 'typeorm';

import { TransactionalConnection } from '../../database/index.js';
import { AssetVariantEntity } from './asset-variant.entity.js';

@Injectable()
export class AssetVariantRepository {
  constructor(private readonly connection: TransactionalConnection) {}

  private get rows(): Repository<AssetVariantEntity> {
    return this.connection.getRepository(AssetVariantEntity);
  }

  /** Replaces every variant of (content, kind) with `variants` in one transaction: readers see the old set or the new. */
  async replaceForContent(contentHash: string, kind: string, variants: readonly AssetVariantEntity[]): Promise<void> {
    await this.connection.transaction(async (manager) => {
      await manager.delete(AssetVariantEntity, { contentHash, kind });
      if (variants.length > 0) {
        await manager.insert(AssetVariantEntity, [...variants]);
      }
    });
  }

  findForContent(contentHash: string, kind: string): Promise<AssetVariantEntity[]> {
    return this.rows.find({ where: { contentHash, kind }, order: { variant: 'ASC', encoding: 'ASC' } });
  }

  async hasVariants(contentHash: string, kind: string): Promise<boolean> {
    return (await this.rows.countBy({ contentHash, kind })) > 0;
  }

  /** Every variant of the content, or only those of one kind. */
  async deleteForContent(contentHash: string, kind?: string): Promise<void> {
    await this.rows.delete(kind === undefined ? { contentHash } : { contentHash, kind });
  }
}
