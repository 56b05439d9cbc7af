import { createRetryPolicy } from '@app/common';
import { Injectable } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, type EntityManager, type EntityTarget, type ObjectLiteral, type Repository } from 'typeorm';

import { isTransientDatabaseError, sqlStateOf } from './transient-error.js';

export type IsolationLevel = 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE';

export interface TransactionOptions {
  isolation?: IsolationLevel;
  /** Retries on serialization failure or deadlock; only for work that is safe to run again. */
  retries?: number;
}

const RETRYABLE_IN_TRANSACTION = new Set(['40001', '40P01']);

/**
 * Context-bound transactions (after vendure's TransactionalConnection): inside `transaction()`, every repository
 * obtained here uses the transaction's manager without it being passed down; outside, the DataSource's.
 * Hand-written because the libraries that do this (typeorm-transactional) patch TypeORM internals.
 */
@Injectable()
export class TransactionalConnection {
  private readonly storage = new AsyncLocalStorage<EntityManager>();

  constructor(readonly dataSource: DataSource) {}

  /** The manager of the transaction in progress, else the default one. */
  get manager(): EntityManager {
    return this.storage.getStore() ?? this.dataSource.manager;
  }

  get inTransaction(): boolean {
    return this.storage.getStore() !== undefined;
  }

  getRepository<Entity extends ObjectLiteral>(target: EntityTarget<Entity>): Repository<Entity> {
    return this.manager.getRepository(target);
  }

  /** Runs `work` in one transaction; a nested call joins the outer one. Commits on resolve, rolls back on throw. */
  async transaction<T>(work: (manager: EntityManager) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    const outer = this.storage.getStore();
    if (outer) {
      return work(outer);
    }
    const attempt = (): Promise<T> =>
      options.isolation
        ? this.dataSource.transaction(options.isolation, (manager) => this.storage.run(manager, () => work(manager)))
        : this.dataSource.transaction((manager) => this.storage.run(manager, () => work(manager)));
    if (!options.retries) {
      return attempt();
    }
    const policy = createRetryPolicy({
      retries: options.retries,
      initialDelayMs: 20,
      maxDelayMs: 500,
      isRetryable: (error) => isTransientDatabaseError(error) && RETRYABLE_IN_TRANSACTION.has(sqlStateOf(error) ?? ''),
    });
    return policy.execute(attempt);
  }
}
