import { testConfig, testDatabase, type TestDatabase } from '@app/testing';
import { Column, DataSource, Entity, PrimaryGeneratedColumn } from 'typeorm';

import { dataSourceOptions, type DatabaseSchema, pendingSchemaChanges } from '../../src/modules/database/index.js';
import { SCHEMA } from '../../src/schema.js';
import { schemaWith } from '../support/database-module.js';

/** An entity no migration creates: the drift the guard must catch. */
@Entity()
class DriftProbeEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'text' })
  displayName!: string;

  @Column({ type: 'timestamptz' })
  lastSeenAt!: Date;
}

let db: TestDatabase;
const opened: DataSource[] = [];

async function openDataSource(schema: DatabaseSchema): Promise<DataSource> {
  const config = testConfig({ DATABASE_URL: db.url });
  const dataSource = await new DataSource(dataSourceOptions(db.url, config.database, schema)).initialize();
  opened.push(dataSource);
  return dataSource;
}

beforeAll(async () => {
  db = await testDatabase();
});

afterAll(async () => {
  await Promise.all(opened.map((dataSource) => dataSource.destroy()));
  await db?.drop();
});

describe(pendingSchemaChanges.name, () => {
  // The drift guard of DESIGN.md: fails when an entity changes without a migration (`npm run migration:generate`).
  it('finds nothing to generate for the app schema on a migrated database: entities and migrations agree', async () => {
    const dataSource = await openDataSource(SCHEMA);

    const diff = await pendingSchemaChanges(dataSource);

    expect(diff.up).toEqual([]);
  });

  it('lists a CREATE TABLE with snake_case names for an entity that no migration creates', async () => {
    const dataSource = await openDataSource(schemaWith(DriftProbeEntity));

    const diff = await pendingSchemaChanges(dataSource);

    const create = diff.up.find((query) => query.startsWith('CREATE TABLE "drift_probes"'));
    expect(create).toBeDefined();
    expect(create).toContain('"display_name" text NOT NULL');
    expect(create).toContain('"last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL');
    expect(create).toContain('CONSTRAINT "pk_drift_probes_id" PRIMARY KEY ("id")');
    expect(diff.down).toContain('DROP TABLE "drift_probes"');
  });
});
