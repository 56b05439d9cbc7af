import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';

import { ApiKeysModule } from './api-keys/api-keys.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthGuard } from './auth/auth.guard.js';
import { AuthTokensModule } from './auth-tokens/auth-tokens.module.js';
import { CryptoModule } from './crypto/crypto.module.js';
import { IpBlocksModule } from './ip-blocks/ip-blocks.module.js';
import { RateLimitGuard } from './rate-limit/rate-limit.guard.js';
import { RateLimitModule } from './rate-limit/rate-limit.module.js';
import { UsersModule } from './users/users.module.js';

/**
 * Principals, API keys, JWT, guards, rate limiting, client IP, IP blocking, audit log and Fernet. Each part lives
 * in its own folder with its own module; this one composes them.
 */
@Module({
  imports: [ApiKeysModule, AuditModule, AuthTokensModule, CryptoModule, IpBlocksModule, RateLimitModule, UsersModule],
  // Global guards run in this order: who is calling first, then what they may do (limits follow the principal).
  providers: [
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: RateLimitGuard },
  ],
})
export class SecurityModule {}
