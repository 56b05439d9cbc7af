import { MetricsRegistry } from '@app/common';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import { Gauge, Histogram } from 'prom-client';
import { DataSource } from 'typeorm';

import { driverPools } from './driver-pools.js';

export interface PoolStats {
  total: number;
  idle: number;
  active: number;
  waiting: number;
  max: number;
}

type ConnectCallback = (err: Error | undefined, client: PoolClient | undefined, done: (release?: unknown) => void) => void;

/**
 * Live pool numbers for health, the system endpoint and metrics: connections total/idle/active, callers waiting,
 * and how long acquiring a connection took.
 */
@Injectable()
export class PoolStatsService implements OnModuleInit {
  private readonly acquireSeconds: Histogram;

  constructor(
    private readonly dataSource: DataSource,
    registry: MetricsRegistry,
  ) {
    const stats = (): PoolStats => this.stats();
    new Gauge({
      name: 'bulwark_db_pool_connections',
      help: 'The PostgreSQL pool by state: connections total, idle and active, callers waiting for one, and the configured max.',
      labelNames: ['state'],
      registers: [registry],
      collect() {
        const now = stats();
        for (const state of ['total', 'idle', 'active', 'waiting', 'max'] as const) {
          this.set({ state }, now[state]);
        }
      },
    });
    this.acquireSeconds = new Histogram({
      name: 'bulwark_db_pool_acquire_duration_seconds',
      help: 'Time to acquire a PostgreSQL connection from the pool.',
      buckets: [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
      registers: [registry],
    });
  }

  onModuleInit(): void {
    const pool = this.pool();
    if (pool) {
      this.timeAcquisitions(pool);
    }
  }

  /** The primary's pool. */
  stats(): PoolStats {
    return statsOf(this.pool());
  }

  /** One entry per read replica's pool (none without DATABASE_REPLICA_URLS). */
  replicaStats(): PoolStats[] {
    return driverPools(this.dataSource).replicas.map(statsOf);
  }

  private pool(): Pool | undefined {
    return driverPools(this.dataSource).primary;
  }

  /** pg has no acquire-latency hook, so we time `connect()` (TypeORM calls it with a callback) at its source. */
  private timeAcquisitions(pool: Pool): void {
    const connect = pool.connect.bind(pool) as (callback?: ConnectCallback) => Promise<PoolClient> | undefined;
    const observe = this.acquireSeconds;
    Object.assign(pool, {
      connect(callback?: ConnectCallback): Promise<PoolClient> | undefined {
        const end = observe.startTimer();
        if (callback) {
          return connect((err, client, done) => {
            end();
            callback(err, client, done);
          });
        }
        return connect()!.finally(end);
      },
    });
  }
}

function statsOf(pool: Pool | undefined): PoolStats {
  const total = pool?.totalCount ?? 0;
  const idle = pool?.idleCount ?? 0;
  return { total, idle, active: total - idle, waiting: pool?.waitingCount ?? 0, max: pool?.options.max ?? 0 };
}
