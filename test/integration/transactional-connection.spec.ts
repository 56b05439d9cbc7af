import { testDatabase, type TestDatabase } from '@app/testing';
import type { TestingModule } from '@nestjs/testing';
import { Column, DataSource, Entity, type EntityManager, In, PrimaryGeneratedColumn, QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';

import { DatabaseExceptionCode, mapPostgresError, TransactionalConnection } from '../../src/modules/database/index.js';
import { createDatabaseModule, schemaWith } from '../support/database-module.js';
import { waitFor } from '../support/wait-for.js';

/** A fixture entity only this file knows; its table is created below by hand. */
@Entity()
class LedgerEntryEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'text' })
  memo!: string;
}

/** Resolves for everyone once `parties` callers have arrived; later callers pass straight through. */
function barrier(parties: number): () => Promise<void> {
  let arrived = 0;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return () => {
    arrived += 1;
    if (arrived === parties) {
      open();
    }
    return opened;
  };
}

let db: TestDatabase;
let moduleRef: TestingModule;
let dataSource: DataSource;
let connection: TransactionalConnection;

/** Rows with these memos, counted on a pooled connection of its own: what other sessions can see. */
async function committed(...memos: string[]): Promise<number> {
  const [row] = await dataSource.query<{ count: number }[]>('SELECT count(*)::int AS count FROM ledger_entries WHERE memo = ANY($1)', [memos]);
  return row!.count;
}

async function counterValue(name: string): Promise<number> {
  const [row] = await dataSource.query<{ value: number }[]>('SELECT value FROM counter WHERE name = $1', [name]);
  return row!.value;
}

/** Read, wait until the other transaction has read too, then write what was read plus one: a lost-update race. */
function racingIncrement(name: string, bothHaveRead: () => Promise<void>, onAttempt: () => void) {
  return async (manager: EntityManager): Promise<void> => {
    onAttempt();
    const [row] = await manager.query<{ value: number }[]>('SELECT value FROM counter WHERE name = $1', [name]);
    await bothHaveRead();
    await manager.query('UPDATE counter SET value = $1 WHERE name = $2', [row!.value + 1, name]);
  };
}

beforeAll(async () => {
  db = await testDatabase();
  moduleRef = await createDatabaseModule(db.url, {}, schemaWith(LedgerEntryEntity));
  dataSource = moduleRef.get(DataSource);
  connection = moduleRef.get(TransactionalConnection);
  await dataSource.query('CREATE TABLE ledger_entries (id serial PRIMARY KEY, memo text NOT NULL)');
  await dataSource.query('CREATE TABLE counter (name text PRIMARY KEY, value integer NOT NULL)');
});

afterAll(async () => {
  await moduleRef?.close();
  await db?.drop();
});

describe(TransactionalConnection.name, () => {
  describe('transaction', () => {
    it('commits the work when it resolves', async () => {
      const result = await connection.transaction(async (manager) => {
        await manager.insert(LedgerEntryEntity, { memo: 'committed' });
        return 'done';
      });

      expect(result).toBe('done');
      await expect(committed('committed')).resolves.toBe(1);
    });

    it('keeps the work invisible to other sessions until it commits', async () => {
      let seenFromOutside: number | undefined;
      await connection.transaction(async (manager) => {
        await manager.insert(LedgerEntryEntity, { memo: 'pending' });
        seenFromOutside = await committed('pending');
      });

      expect(seenFromOutside).toBe(0);
      await expect(committed('pending')).resolves.toBe(1);
    });

    it('rolls the work back and rethrows when it throws', async () => {
      const failure = new Error('work failed');

      await expect(
        connection.transaction(async (manager) => {
          await manager.insert(LedgerEntryEntity, { memo: 'rolled-back' });
          throw failure;
        }),
      ).rejects.toBe(failure);

      await expect(committed('rolled-back')).resolves.toBe(0);
    });

    it('joins the outer transaction when nested, so the inner work commits or rolls back with it', async () => {
      let outerManager: EntityManager | undefined;
      let innerManager: EntityManager | undefined;
      let seenAfterInnerResolved: number | undefined;

      await expect(
        connection.transaction(async (outer) => {
          outerManager = outer;
          await outer.insert(LedgerEntryEntity, { memo: 'nested-outer' });
          await connection.transaction(async (inner) => {
            innerManager = inner;
            await inner.insert(LedgerEntryEntity, { memo: 'nested-inner' });
          });
          seenAfterInnerResolved = await committed('nested-inner');
          throw new Error('outer fails after the inner work resolved');
        }),
      ).rejects.toThrow('outer fails after the inner work resolved');

      expect(innerManager).toBe(outerManager);
      expect(seenAfterInnerResolved).toBe(0);
      await expect(committed('nested-outer', 'nested-inner')).resolves.toBe(0);
    });

    it('binds getRepository() and manager to the transaction inside the work, without passing them down', async () => {
      let seenInside: number | undefined;
      let inTransaction: boolean | undefined;

      await expect(
        connection.transaction(async () => {
          inTransaction = connection.inTransaction;
          await connection.getRepository(LedgerEntryEntity).save({ memo: 'via-repository' });
          await connection.manager.query('INSERT INTO ledger_entries (memo) VALUES ($1)', ['via-manager']);
          seenInside = await connection.getRepository(LedgerEntryEntity).countBy({ memo: In(['via-repository', 'via-manager']) });
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');

      expect(inTransaction).toBe(true);
      expect(seenInside).toBe(2);
      await expect(committed('via-repository', 'via-manager')).resolves.toBe(0);
    });

    it('runs the work at the requested isolation level', async () => {
      const levels = await Promise.all([
        connection.transaction((manager) => manager.query('SHOW transaction_isolation')),
        connection.transaction((manager) => manager.query('SHOW transaction_isolation'), { isolation: 'SERIALIZABLE' }),
      ]);

      expect(levels).toEqual([[{ transaction_isolation: 'read committed' }], [{ transaction_isolation: 'serializable' }]]);
    });

    it('fails one of two colliding SERIALIZABLE transactions with 40001 when retries are off', async () => {
      await dataSource.query(`INSERT INTO counter (name, value) VALUES ('unretried', 0)`);
      const bothHaveRead = barrier(2);
      const increment = racingIncrement('unretried', bothHaveRead, () => undefined);

      const outcomes = await Promise.allSettled([
        connection.transaction(increment, { isolation: 'SERIALIZABLE' }),
        connection.transaction(increment, { isolation: 'SERIALIZABLE' }),
      ]);

      const failures = outcomes.filter((outcome) => outcome.status === 'rejected').map((outcome) => outcome.reason as unknown);
      expect(failures).toHaveLength(1);
      expect(failures[0]).toMatchObject({ code: '40001' });
      expect(mapPostgresError(failures[0])).toMatchObject({ code: DatabaseExceptionCode.CONTENTION, status: 503 });
      await expect(counterValue('unretried')).resolves.toBe(1);
    });

    it('re-runs the work after a real serialization failure when retries are on, so no update is lost', async () => {
      await dataSource.query(`INSERT INTO counter (name, value) VALUES ('retried', 0)`);
      const bothHaveRead = barrier(2);
      let attempts = 0;
      const increment = racingIncrement('retried', bothHaveRead, () => {
        attempts += 1;
      });

      await Promise.all([
        connection.transaction(increment, { isolation: 'SERIALIZABLE', retries: 5 }),
        connection.transaction(increment, { isolation: 'SERIALIZABLE', retries: 5 }),
      ]);

      expect(attempts).toBeGreaterThan(2);
      await expect(counterValue('retried')).resolves.toBe(2);
    });

    it.each([
      { next: 'COMMIT', memo: 'terminated-commit', step: () => Promise.resolve(), thrown: QueryRunnerAlreadyReleasedError },
      { next: 'a raw query', memo: 'terminated-query', step: (manager: EntityManager) => manager.query('SELECT 1'), thrown: QueryRunnerProviderAlreadyReleasedError },
    ])('answers a transaction whose connection the server dropped before $next as an outage, and stores nothing', async ({ memo, step, thrown }) => {
      const failure = await connection
        .transaction(async (manager) => {
          await manager.insert(LedgerEntryEntity, { memo });
          const [{ pid }] = await manager.query<[{ pid: number }]>('SELECT pg_backend_pid() AS pid');
          // What a server shutting down does to an idle session: TypeORM then releases the runner on the 'error'.
          await dataSource.query('SELECT pg_terminate_backend($1)', [pid]);
          await waitFor(() => manager.queryRunner?.isReleased === true, 'TypeORM to release the failed connection');
          await step(manager);
        })
        .then(
          () => undefined,
          (error: unknown) => error,
        );

      expect(failure).toBeInstanceOf(thrown);
      expect(mapPostgresError(failure)).toMatchObject({ code: DatabaseExceptionCode.UNAVAILABLE, status: 503 });
      await expect(committed(memo)).resolves.toBe(0);
    });

    it('does not retry an error that is not a serialization failure', async () => {
      let attempts = 0;

      await expect(
        connection.transaction(
          async (manager) => {
            attempts += 1;
            await manager.query('SELECT * FROM no_such_table');
          },
          { retries: 5 },
        ),
      ).rejects.toMatchObject({ code: '42P01' });

      expect(attempts).toBe(1);
    });
  });

  describe('manager', () => {
    it('is the DataSource manager outside a transaction', () => {
      expect(connection.inTransaction).toBe(false);
      expect(connection.manager).toBe(dataSource.manager);
    });
  });
});
