import { testDatabase, type TestDatabase } from '@app/testing';
import type { TestingModule } from '@nestjs/testing';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DataSource } from 'typeorm';

import { PoolStatsService } from '../../src/modules/database/index.js';
import { createDatabaseModule, schemaWith } from '../support/database-module.js';

@Entity('replica_probe')
class ReplicaProbe {
  @PrimaryColumn()
  id!: number;

  @Column()
  origin!: string;
}

// Two databases stand in for a primary and its replica: routing, not replication, is under test, so each holds a
// row saying where it lives.
let primary: TestDatabase;
let replica: TestDatabase;
let moduleRef: TestingModule;
let dataSource: DataSource;

beforeAll(async () => {
  [primary, replica] = await Promise.all([testDatabase(), testDatabase()]);
  for (const [db, origin] of [[primary, 'primary'], [replica, 'replica']] as const) {
    const probe = new DataSource({ type: 'postgres', url: db.url });
    await probe.initialize();
    await probe.query(`CREATE TABLE replica_probe (id int PRIMARY KEY, origin text NOT NULL); INSERT INTO replica_probe VALUES (1, '${origin}')`);
    await probe.destroy();
  }
  moduleRef = await createDatabaseModule(primary.url, { DATABASE_REPLICA_URLS: replica.url }, schemaWith(ReplicaProbe));
  dataSource = moduleRef.get(DataSource);
});

afterAll(async () => {
  await moduleRef?.close();
  await Promise.all([primary?.drop(), replica?.drop()]);
});

describe('read replicas (DATABASE_REPLICA_URLS)', () => {
  it('sends reads outside transactions to the replica', async () => {
    await expect(dataSource.getRepository(ReplicaProbe).findOneByOrFail({ id: 1 })).resolves.toMatchObject({ origin: 'replica' });
  });

  it('sends writes, raw queries and every read inside a transaction to the primary', async () => {
    await dataSource.getRepository(ReplicaProbe).insert({ id: 2, origin: 'written' });

    await expect(dataSource.query('SELECT origin FROM replica_probe WHERE id = 1')).resolves.toEqual([{ origin: 'primary' }]);
    const inTransaction = await dataSource.transaction((manager) => manager.getRepository(ReplicaProbe).find({ order: { id: 'ASC' } }));
    expect(inTransaction.map((row) => row.origin)).toEqual(['primary', 'written']);
    await expect(dataSource.getRepository(ReplicaProbe).findOneBy({ id: 2 })).resolves.toBeNull();
  });

  it('reports the replica pool beside the primary', () => {
    const pools = moduleRef.get(PoolStatsService);

    expect(pools.replicaStats()).toHaveLength(1);
    expect(pools.replicaStats()[0]!.total).toBeGreaterThan(0);
  });
});
