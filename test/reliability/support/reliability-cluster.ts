import { randomBytes } from 'node:crypto';

import { generateApiKey } from '../../../src/modules/security/api-keys/api-key-format.js';
import { startDedicatedPostgres, type DedicatedPostgres } from '../../support/dedicated-postgres.js';
import { AppInstance } from './app-instance.js';
import { DedicatedRedis } from './redis-server.js';
import { RoundRobinProxy } from './round-robin-proxy.js';

export interface ClusterOptions {
  instances?: number;
  /** Extra environment for every instance (rate limits, failure modes). */
  env?: Record<string, string>;
}

const secret = (): string => randomBytes(32).toString('base64url');
/** Fernet keys are URL-safe base64 with its padding (44 characters). */
const fernetKey = (): string => randomBytes(32).toString('base64').replaceAll('+', '-').replaceAll('/', '_');

/**
 * The deployment the design describes, on loopback: stateless instances of the built app sharing one Redis and one
 * PostgreSQL (both the suite's own, so scenarios can kill them), behind a round-robin proxy. Every instance gets the
 * same secrets and the same bootstrap admin key.
 */
export class ReliabilityCluster {
  private constructor(
    readonly postgres: DedicatedPostgres,
    readonly redis: DedicatedRedis,
    readonly instances: AppInstance[],
    readonly proxy: RoundRobinProxy,
    readonly proxyPort: number,
    readonly adminKey: string,
    readonly env: Record<string, string>,
  ) {}

  static async start(name: string, options: ClusterOptions = {}): Promise<ReliabilityCluster> {
    const postgres = await startDedicatedPostgres(name);
    const redis = await DedicatedRedis.start().catch(async (error: unknown) => {
      await postgres.remove();
      throw error;
    });
    const adminKey = generateApiKey().key;
    const env = {
      API_KEY_PEPPER: secret(),
      BOOTSTRAP_ADMIN_KEY: adminKey,
      DATABASE_URL: postgres.url,
      ENCRYPTION_KEYS: fernetKey(),
      GPU_COLLECTOR: 'off',
      JWT_SECRET: secret(),
      REDIS_URL: redis.url,
      SHUTDOWN_DRAIN_DELAY_MS: '1000',
      ...options.env,
    };
    const instances: AppInstance[] = [];
    try {
      // One first, so migrations and the bootstrap key are done once; the others start against a ready schema.
      instances.push(await AppInstance.start(`${name}-1`, env));
      instances.push(...(await Promise.all(Array.from({ length: (options.instances ?? 3) - 1 }, (_, index) => AppInstance.start(`${name}-${index + 2}`, env)))));
      const proxy = new RoundRobinProxy(instances.map((instance) => instance.port));
      const proxyPort = await proxy.start();
      return new ReliabilityCluster(postgres, redis, instances, proxy, proxyPort, adminKey, env);
    } catch (error) {
      await Promise.all(instances.map((instance) => instance.stop()));
      await redis.kill();
      await postgres.remove();
      throw error;
    }
  }

  get origin(): string {
    return `http://127.0.0.1:${this.proxyPort}`;
  }

  get auth(): Record<string, string> {
    return { authorization: `Bearer ${this.adminKey}` };
  }

  async stop(): Promise<void> {
    await this.proxy.stop();
    await Promise.all(this.instances.map((instance) => instance.stop()));
    await this.redis.kill();
    await this.postgres.remove();
  }
}
