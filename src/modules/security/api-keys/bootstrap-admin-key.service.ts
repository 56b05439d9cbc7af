import { AppConfig } from '@app/config';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';

import { TransactionalConnection } from '../../database/index.js';
import { UsersService } from '../users/users.service.js';
import { Scope, Tier } from '../security.constants.js';
import { parseApiKey } from './api-key-format.js';
import { ApiKeyService } from './api-key.service.js';

/** Arbitrary but fixed: instances starting together bootstrap one admin key, not one each. */
const BOOTSTRAP_LOCK_KEY = 7_428_310_552;

/**
 * First start with no principals (no API key and no user): create an admin key (BOOTSTRAP_ADMIN_KEY, or a generated one printed once
 * to stderr, never to the structured log) so an operator can create everything else through the API.
 */
@Injectable()
export class BootstrapAdminKey implements OnApplicationBootstrap {
  private readonly logger = new Logger('Bootstrap');

  constructor(
    private readonly apiKeys: ApiKeyService,
    private readonly config: AppConfig,
    private readonly connection: TransactionalConnection,
    private readonly users: UsersService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const given = this.config.auth.bootstrapAdminKey;
    const parsed = given === undefined ? undefined : parseApiKey(given);
    if (given !== undefined && !parsed) {
      throw new Error('BOOTSTRAP_ADMIN_KEY is not a well-formed Bulwark key: make one with `npm run cli -- keys new-secret`');
    }
    const created = await this.connection.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [BOOTSTRAP_LOCK_KEY]);
      if ((await this.apiKeys.count()) + (await this.users.count()) > 0) {
        return undefined;
      }
      const input = { name: 'bootstrap-admin', owner: 'bootstrap', tier: Tier.ENTERPRISE, scopes: [Scope.SECURITY_ADMIN], createdBy: 'system:bootstrap' };
      return given && parsed ? this.apiKeys.create(input, { key: given, ...parsed }) : this.apiKeys.create(input);
    });
    if (!created) {
      return;
    }
    this.logger.warn(`no principals existed: created the bootstrap admin API key ${created.record.id}`);
    if (!given && this.config.nodeEnv !== 'test') {
      process.stderr.write(`\nBootstrap admin API key (shown once, store it now):\n\n  ${created.key}\n\n`);
    }
  }
}
