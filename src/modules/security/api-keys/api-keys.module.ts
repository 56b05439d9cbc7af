import { Module } from '@nestjs/common';

import { UsersModule } from '../users/users.module.js';

import { ApiKeyCache } from './api-key-cache.js';
import { ApiKeyHasher } from './api-key-hasher.js';
import { ApiKeyRepository } from './api-key.repository.js';
import { ApiKeyService } from './api-key.service.js';
import { ApiKeysController } from './api-keys.controller.js';
import { BootstrapAdminKey } from './bootstrap-admin-key.service.js';
import { LastUsedRecorder } from './last-used-recorder.js';

@Module({
  controllers: [ApiKeysController],
  exports: [ApiKeyService],
  imports: [UsersModule],
  providers: [ApiKeyCache, ApiKeyHasher, ApiKeyRepository, ApiKeyService, BootstrapAdminKey, LastUsedRecorder],
})
export class ApiKeysModule {}
