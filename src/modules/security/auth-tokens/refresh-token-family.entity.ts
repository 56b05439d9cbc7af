import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

import { UserEntity } from '../users/user.entity.js';

/** One login session: every refresh token rotated from the same login. Revoking it ends the session. */
@Entity()
export class RefreshTokenFamilyEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn()
  user?: UserEntity;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  /** `logout` or `reuse` (a used token came back: the session is presumed stolen). */
  @Column({ type: 'varchar', length: 32, nullable: true })
  revokedReason!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
