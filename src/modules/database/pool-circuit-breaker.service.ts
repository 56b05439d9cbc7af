import { MetricsRegistry } from '@app/common';
import { AppConfig } from '@app/config';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { BrokenCircuitError, circuitBreaker, CircuitState, ConsecutiveBreaker, handleWhen, type CircuitBreakerPolicy } from 'cockatiel';
import type { Pool, PoolClient } from 'pg';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';

import { driverPools } from './driver-pools.js';
import { isDatabaseUnavailableError } from './transient-error.js';

/**
 * What a refused connection attempt throws while the breaker is open. SQLSTATE 08006 (connection_failure), so it
 * takes the path every outage takes: 503 with Retry-After, readiness down, no retry storm.
 */
export class DatabaseCircuitOpenError extends Error {
  readonly code = '08006';

  constructor() {
    super('PostgreSQL is failing; connection attempts are paused by the circuit breaker');
  }
}

type ConnectCallback = (err: Error | undefined, client: PoolClient | undefined, done: (release?: unknown) => void) => void;

/**
 * A circuit breaker (cockatiel) around the pool's connection attempts: after DATABASE_BREAKER_FAILURES consecutive
 * failures to reach PostgreSQL, requests fail at once instead of each waiting out the acquire timeout; after
 * DATABASE_BREAKER_HALF_OPEN_MS one attempt probes the server and a success closes it, so the pool recovers by
 * itself. Statement errors (bad SQL, constraints) never count: only unreachability does.
 */
@Injectable()
export class PoolCircuitBreaker implements OnModuleInit {
  private readonly logger = new Logger('DatabaseBreaker');
  private readonly policy: CircuitBreakerPolicy;
  private readonly replicaPolicies: CircuitBreakerPolicy[] = [];
  private readonly options: { failures: number; halfOpenMs: number };

  constructor(
    private readonly dataSource: DataSource,
    config: AppConfig,
    registry: MetricsRegistry,
  ) {
    this.options = config.database.breaker;
    this.policy = this.createPolicy();
    this.policy.onBreak(() => this.logger.warn('PostgreSQL unreachable: breaker open, requests that need it get 503 until it answers again'));
    this.policy.onReset(() => this.logger.log('PostgreSQL answers again: breaker closed'));
    const isOpen = (): boolean => this.isOpen;
    new Gauge({
      name: 'bulwark_db_breaker_open',
      help: '1 while the pool\'s circuit breaker refuses connection attempts (PostgreSQL unreachable), else 0.',
      registers: [registry],
      collect() {
        this.set(isOpen() ? 1 : 0);
      },
    });
  }

  /** Whether the primary's breaker refuses connection attempts. */
  get isOpen(): boolean {
    return isOpen(this.policy);
  }

  onModuleInit(): void {
    const { primary, replicas } = driverPools(this.dataSource);
    if (primary !== undefined) {
      this.guard(primary, this.policy);
    }
    // One breaker per replica: a dead replica must not stop writes, nor the other replicas.
    for (const replica of replicas) {
      const policy = this.createPolicy();
      this.replicaPolicies.push(policy);
      this.guard(replica, policy);
    }
  }

  private createPolicy(): CircuitBreakerPolicy {
    return circuitBreaker(handleWhen(isDatabaseUnavailableError), { halfOpenAfter: this.options.halfOpenMs, breaker: new ConsecutiveBreaker(this.options.failures) });
  }

  private guard(pool: Pool, policy: CircuitBreakerPolicy): void {
    const connect = pool.connect.bind(pool) as (callback?: ConnectCallback) => Promise<PoolClient> | undefined;
    const attempt = (): Promise<PoolClient> =>
      policy.execute(() => connect() as Promise<PoolClient>).catch((error: unknown) => {
        throw error instanceof BrokenCircuitError ? new DatabaseCircuitOpenError() : error;
      });
    Object.assign(pool, {
      connect(callback?: ConnectCallback): Promise<PoolClient> | undefined {
        // An idle connection is handed out without touching the network: nothing for the breaker to judge, so the
        // common case skips it (a dead idle connection fails its query, pg drops it, and the next new one counts).
        if (pool.idleCount > 0 && !isOpen(policy)) {
          return connect(callback);
        }
        if (callback === undefined) {
          return attempt();
        }
        attempt().then(
          (client) => callback(undefined, client, (release?: unknown) => client.release(release as boolean | Error | undefined)),
          (error: Error) => callback(error, undefined, () => undefined),
        );
        return undefined;
      },
    });
  }
}

function isOpen(policy: CircuitBreakerPolicy): boolean {
  return policy.state === CircuitState.Open || policy.state === CircuitState.Isolated;
}
