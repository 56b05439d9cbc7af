import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

import { Scope, Tier } from '../security.constants.js';

@Entity()
export class ApiKeyEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 16 })
  publicId!: string;

  @Column({ type: 'bytea' })
  secretHash!: Buffer;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 200 })
  owner!: string;

  @Column({ type: 'enum', enum: Tier, enumName: 'api_key_tier' })
  tier!: Tier;

  @Column({ type: 'text', array: true })
  scopes!: Scope[];

  @Column({ type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  /** Set on a key replaced by rotation: it stays valid until then, beside its replacement. */
  @Column({ type: 'timestamptz', nullable: true })
  rotatedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  validUntil!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  replacedById!: string | null;

  @Column({ type: 'varchar', length: 200 })
  createdBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
