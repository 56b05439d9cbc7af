import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One stored form of a content: its optimised bytes (`optimized`), an image format or width (`webp`, `w320.avif`),
 * each in an encoding (`identity`, `gzip`, `br`). Keyed by content and kind, so assets sharing content share variants.
 */
@Entity('asset_variants')
export class AssetVariantEntity {
  @PrimaryColumn({ type: 'char', length: 64 })
  contentHash!: string;

  @PrimaryColumn({ type: 'varchar', length: 8 })
  kind!: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  variant!: string;

  @PrimaryColumn({ type: 'varchar', length: 8 })
  encoding!: string;

  @Column({ type: 'varchar', length: 100 })
  contentType!: string;

  @Column({ type: 'integer', nullable: true })
  width!: number | null;

  @Column({ type: 'integer', nullable: true })
  height!: number | null;

  @Column({ type: 'integer' })
  bytes!: number;

  /** SHA-256 (hex) of exactly these bytes: the strong ETag. */
  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ type: 'varchar', length: 200 })
  storageKey!: string;

  @Column({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
