import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

import { RefreshTokenFamilyEntity } from './refresh-token-family.entity.js';

/** A refresh token, stored only as its SHA-256; usable once (rotation), then kept to recognise its reuse. */
@Entity()
export class RefreshTokenEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ type: 'uuid' })
  familyId!: string;

  @ManyToOne(() => RefreshTokenFamilyEntity, { onDelete: 'CASCADE' })
  @JoinColumn()
  family?: RefreshTokenFamilyEntity;

  @Index({ unique: true })
  @Column({ type: 'bytea' })
  tokenHash!: Buffer;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
