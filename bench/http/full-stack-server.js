// The whole app (dist/) with one bench route, GET /bench/catalogue: API key authentication and a scope, the Redis
// rate limiter, threat inspection (THREAT_MODE as configured: block), HTTP metrics, and a JSON body served by
// @Cached from the cache (Redis L2 behind the in-process L1). Prints "READY <port> <api key>". Started by run.js.
import 'reflect-metadata';

import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

import { AppModule } from '../../dist/src/app.module.js';
import { APP_OPTIONS, configureApp } from '../../dist/src/app.setup.js';
import { Cached } from '../../dist/src/modules/cache/index.js';
import { ApiKeyService } from '../../dist/src/modules/security/api-keys/api-key.service.js';
import { RequireScopes, Scope, Tier } from '../../dist/src/modules/security/index.js';
import { CATALOGUE } from './catalogue.js';

class BenchController {
  catalogue() {
    return CATALOGUE;
  }
}

const descriptor = Object.getOwnPropertyDescriptor(BenchController.prototype, 'catalogue');
for (const decorator of [Get('catalogue'), RequireScopes(Scope.CACHE_READ), Cached({ ttl: 60_000 })]) {
  decorator(BenchController.prototype, 'catalogue', descriptor);
}
Controller('bench')(BenchController);

class BenchModule {}
Module({ controllers: [BenchController], imports: [AppModule] })(BenchModule);

const app = configureApp(await NestFactory.create(BenchModule, APP_OPTIONS));
const { key } = await app.get(ApiKeyService).create({ name: 'bench', owner: 'bench', tier: Tier.ENTERPRISE, scopes: [Scope.CACHE_READ], createdBy: 'system:bench' });
await app.listen(0, '127.0.0.1');
process.stdout.write(`READY ${app.getHttpServer().address().port} ${key}\n`);
process.on('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});
