import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

import type { ModelReport } from '../inspect/model-report.types.js';

/**
 * One ONNX model: an upload (`pass` null) or a variant a graph pass derived from its parent. Bytes live once per
 * SHA-256 in the models directory; one upload of the same bytes is one artifact (uploads are deduplicated by hash).
 */
@Entity('model_artifacts')
@Index(['createdAt', 'id'])
@Index(['parentId'])
@Index(['sha256'])
// One upload per content, even for two concurrent uploads of the same bytes; derived variants are not bound by it.
@Index('uq_model_artifacts_upload_sha256', ['sha256'], { unique: true, where: 'parent_id IS NULL' })
export class ModelArtifactEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 128 })
  name!: string;

  /** SHA-256 (hex) of the model bytes: their file name in storage. */
  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ type: 'bigint', transformer: { to: (value: number) => value, from: (value: string) => Number(value) } })
  sizeBytes!: number;

  /** From the model header (null when absent or out of range; the report keeps the exact value). */
  @Column({ type: 'integer', nullable: true })
  irVersion!: number | null;

  @Column({ type: 'jsonb' })
  opsets!: ModelReport['opsets'];

  @Column({ type: 'jsonb' })
  report!: ModelReport;

  /** The artifact an optimisation pass started from; null for uploads. */
  @Column({ type: 'uuid', nullable: true })
  parentId!: string | null;

  /** The pass (and level) that produced it, e.g. `int8-dynamic`; null for uploads. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  pass!: string | null;

  @Column({ type: 'varchar', length: 200 })
  createdBy!: string;

  @Column({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
