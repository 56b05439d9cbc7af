import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';

import { ApiKeysModule } from './api-keys/api-keys.module.js';
import { AuthGuard } from './auth/auth.guard.js';
import { CryptoModule } from './crypto/crypto.module.js';
import { AuditModule } from './audit/audit.module.js';

/**
 * Principals, API keys, JWT, guards, rate limiting, client IP, IP blocking, audit log and Fernet. Each part lives
 * in its own folder with its own module; this one composes them.
 */
@Module({
  imports: [ApiKeysModule, AuditModule, CryptoModule],
  // Global guards run in this order: who is calling first, then what they may do (limits follow the principal).
  providers: [{ provide: APP_GUARD, useClass: AuthGuard }],
})
export class SecurityModule {}
