import { RedisConnection } from '@app/common';
import { AppConfig } from '@app/config';
import { Injectable } from '@nestjs/common';

import { DatabaseEndpoint, PoolStatsService } from '../database/index.js';
import type { SystemInfoDto } from './dto/system-info.dto.js';
import { readPackageInfo } from './package-info.js';

@Injectable()
export class SystemInfoService {
  private readonly pkg = readPackageInfo();
  private readonly startedAt = new Date(Date.now() - process.uptime() * 1000);

  constructor(
    private readonly config: AppConfig,
    private readonly endpoint: DatabaseEndpoint,
    private readonly pool: PoolStatsService,
    private readonly redis: RedisConnection,
  ) {}

  info(): SystemInfoDto {
    const pool = this.pool.stats();
    return {
      name: this.pkg.name,
      version: this.pkg.version,
      environment: this.config.nodeEnv,
      nodeVersion: process.version,
      uptimeSeconds: Math.round(process.uptime()),
      startedAt: this.startedAt.toISOString(),
      database: { mode: this.endpoint.mode, poolTotal: pool.total, poolMax: pool.max },
      redis: { configured: this.redis.configured, connected: this.redis.state === 'ready', state: this.redis.state },
    };
  }

  /** One line for the startup log: which mode this instance runs in. */
  modeSummary(): string {
    const database =
      this.endpoint.mode === 'embedded'
        ? `embedded PostgreSQL on 127.0.0.1:${this.config.database.embedded.port} (data in ${this.config.database.embedded.dataDir})`
        : 'external PostgreSQL (DATABASE_URL)';
    const redis = this.redis.configured ? `Redis (REDIS_URL, ${this.redis.state})` : 'no Redis: single instance, in-memory cache and limiter';
    return `${this.pkg.name} ${this.pkg.version} [${this.config.nodeEnv}] database: ${database}; cache/limiter: ${redis}`;
  }
}
