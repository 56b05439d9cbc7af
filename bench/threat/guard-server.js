// The whole app serving one handler on two routes that differ only in their threat policy: POST /bench/inspected
// (the configured default, block) and POST /bench/uninspected (@ThreatPolicy('off')). Both sit behind API key
// authentication, the scope check and the Redis rate limiter. Prints "READY <port> <api key>". Started by guard-run.js.
import 'reflect-metadata';

import { Body, Controller, HttpCode, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

import { ThreatPolicy } from '../../dist/libs/common/src/index.js';
import { AppModule } from '../../dist/src/app.module.js';
import { APP_OPTIONS, configureApp } from '../../dist/src/app.setup.js';
import { ApiKeyService } from '../../dist/src/modules/security/api-keys/api-key.service.js';
import { RequireScopes, Scope, Tier } from '../../dist/src/modules/security/index.js';

class BenchController {
  inspected(body) {
    return { fields: Object.keys(body ?? {}).length };
  }

  uninspected(body) {
    return { fields: Object.keys(body ?? {}).length };
  }
}

/** Decorators applied by hand: this file is plain JavaScript run against the compiled app in dist/. */
function route(name, ...decorators) {
  const descriptor = Object.getOwnPropertyDescriptor(BenchController.prototype, name);
  for (const decorator of decorators) {
    decorator(BenchController.prototype, name, descriptor);
  }
  Body()(BenchController.prototype, name, 0);
}
route('inspected', Post('inspected'), HttpCode(200), RequireScopes(Scope.CACHE_READ));
route('uninspected', Post('uninspected'), HttpCode(200), RequireScopes(Scope.CACHE_READ), ThreatPolicy('off'));
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
