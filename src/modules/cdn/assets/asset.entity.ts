import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type AssetStatus = 'processing' | 'ready' | 'failed';

/**
 * One uploaded name for one content. The bytes live once per content hash in storage (shared by every asset with the
 * same content), so two names for one file cost one object; the same name and content uploaded twice is one asset.
 */
@Entity('assets')
@Index(['contentHash', 'name'], { unique: true })
@Index(['name', 'createdAt'])
@Index(['createdAt', 'id'])
export class AssetEntity {
  @PrimaryColumn('uuid')
  id!: string;

  /** Sanitised file name: the last segment of its URLs. */
  @Column({ type: 'varchar', length: 128 })
  name!: string;

  /** SHA-256 (hex) of the uploaded bytes. */
  @Column({ type: 'char', length: 64 })
  contentHash!: string;

  @Column({ type: 'varchar', length: 8 })
  kind!: string;

  @Column({ type: 'varchar', length: 100 })
  contentType!: string;

  @Column({ type: 'integer' })
  originalBytes!: number;

  /** Size of the optimised form (minified, re-encoded), once optimisation has run. */
  @Column({ type: 'integer', nullable: true })
  optimizedBytes!: number | null;

  @Column({ type: 'varchar', length: 16 })
  status!: AssetStatus;

  /** Why optimisation failed (the original is served meanwhile). */
  @Column({ type: 'varchar', length: 500, nullable: true })
  failureReason!: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags!: string[];

  /** The `cdn.optimize` job that processes it. */
  @Column({ type: 'uuid', nullable: true })
  jobId!: string | null;

  @Column({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}
