import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

import { Role, Tier } from '../security.constants.js';

@Entity()
@Index(['createdAt', 'id'])
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Stored in canonical form (see canonicalEmail), so the unique index is case-insensitive. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 320 })
  email!: string;

  @Column({ type: 'enum', enum: Role, enumName: 'user_role' })
  role!: Role;

  @Column({ type: 'enum', enum: Tier, enumName: 'user_tier' })
  tier!: Tier;

  /** PHC string (argon2id) or, for migrated users until their next login, a bcrypt hash. */
  @Column({ type: 'text' })
  passwordHash!: string;

  @Column({ type: 'varchar', length: 200 })
  createdBy!: string;

  // Millisecond precision so a cursor made from a JS Date points exactly at its row.
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}
