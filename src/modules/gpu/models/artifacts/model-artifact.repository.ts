import { newestFirstPage, type Page } from '@app/common';
import { Injectable } from '@nestjs/common';
import { IsNull, type Repository } from 'typeorm';

import { TransactionalConnection } from '../../../database/index.js';
import { GpuException, GpuExceptionCode } from '../../gpu.exception.js';
import { ModelArtifactEntity } from './model-artifact.entity.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class ModelArtifactRepository {
  constructor(private readonly connection: TransactionalConnection) {}

  private get rows(): Repository<ModelArtifactEntity> {
    return this.connection.getRepository(ModelArtifactEntity);
  }

  /** Inserts an upload unless one already holds the same bytes; returns the row that is there now. */
  async insertUploadOrFindExisting(artifact: ModelArtifactEntity): Promise<{ artifact: ModelArtifactEntity; created: boolean }> {
    const inserted = await this.rows.createQueryBuilder().insert().into(ModelArtifactEntity).values(artifact).orIgnore().returning('id').execute();
    if ((inserted.raw as unknown[]).length > 0) {
      return { artifact: await this.getByIdOrThrow(artifact.id), created: true };
    }
    return { artifact: await this.rows.findOneByOrFail({ sha256: artifact.sha256, parentId: IsNull() }), created: false };
  }

  /** A variant derived from a parent artifact by a pass. */
  async insertVariant(artifact: ModelArtifactEntity): Promise<ModelArtifactEntity> {
    await this.rows.insert(artifact);
    return this.getByIdOrThrow(artifact.id);
  }

  findById(id: string): Promise<ModelArtifactEntity | null> {
    return UUID.test(id) ? this.rows.findOneBy({ id }) : Promise.resolve(null);
  }

  async getByIdOrThrow(id: string): Promise<ModelArtifactEntity> {
    const artifact = await this.findById(id);
    if (artifact === null) {
      throw new GpuException(GpuExceptionCode.MODEL_NOT_FOUND, `No model ${id}.`);
    }
    return artifact;
  }

  /** The upload (not a derived variant) that holds these bytes. */
  findUploadByHash(sha256: string): Promise<ModelArtifactEntity | null> {
    return this.rows.findOneBy({ sha256, parentId: IsNull() });
  }

  countByHash(sha256: string): Promise<number> {
    return this.rows.countBy({ sha256 });
  }

  countChildren(id: string): Promise<number> {
    return this.rows.countBy({ parentId: id });
  }

  async deleteById(id: string): Promise<void> {
    await this.rows.delete({ id });
  }

  /** Newest first, keyset-paginated on (created_at, id). */
  listPage(limit: number, cursor?: string): Promise<Page<ModelArtifactEntity>> {
    return this.page(limit, cursor);
  }

  /** The variants derived from one artifact, newest first, paginated as listPage. */
  listChildrenPage(parentId: string, limit: number, cursor?: string): Promise<Page<ModelArtifactEntity>> {
    return this.page(limit, cursor, parentId);
  }

  private page(limit: number, cursor: string | undefined, parentId?: string): Promise<Page<ModelArtifactEntity>> {
    const query = this.rows.createQueryBuilder('model');
    if (parentId !== undefined) {
      query.where('model.parentId = :parentId', { parentId });
    }
    return newestFirstPage(query, 'model', limit, cursor);
  }
}
