import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

import { IpBlockSource } from '../ip-block.js';

@Entity('ip_blocks')
@Index(['createdAt', 'id'])
export class IpBlockEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'cidr' })
  cidr!: string;

  @Column({ type: 'varchar', length: 500 })
  reason!: string;

  @Column({ type: 'enum', enum: IpBlockSource, enumName: 'ip_block_source' })
  source!: IpBlockSource;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  expiresAt!: Date | null;

  @Column({ type: 'varchar', length: 200 })
  createdBy!: string;

  // Millisecond precision so a cursor made from a JS Date points exactly at its row.
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
