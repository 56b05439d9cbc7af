// The whole app with one extra route, GET /bench/ping behind API key authentication, the scope check and the rate
// limiter. MONITORING_HTTP_METRICS (from the environment) switches the HTTP metrics on or off. Prints
// "READY <port> <api key>". Started by run.js.
import 'reflect-metadata';

import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

import { AppModule } from '../../dist/src/app.module.js';
import { APP_OPTIONS, configureApp } from '../../dist/src/app.setup.js';
import { ApiKeyService } from '../../dist/src/modules/security/api-keys/api-key.service.js';
import { RequireScopes, Scope, Tier } from '../../dist/src/modules/security/index.js';

class BenchController {
  ping() {
    return { pong: true };
  }
}

/** Decorators applied by hand: this file is plain JavaScript run against the compiled app in dist/. */
const descriptor = Object.getOwnPropertyDescriptor(BenchController.prototype, 'ping');
Get('ping')(BenchController.prototype, 'ping', descriptor);
RequireScopes(Scope.CACHE_READ)(BenchController.prototype, 'ping', descriptor);
Controller('bench')(BenchController);

class BenchModule {}
Module({ controllers: [BenchController], imports: [AppModule] })(BenchModule);

const app = configureApp(await NestFactory.create(BenchModule, APP_OPTIONS));
const { key } = await app.get(ApiKeyService).create({ name: 'bench', owner: 'bench', tier: Tier.ENTERPRISE, scopes: [Scope.CACHE_READ, Scope.MONITORING_READ], createdBy: 'system:bench' });
await app.listen(0, '127.0.0.1');
process.stdout.write(`READY ${app.getHttpServer().address().port} ${key}\n`);
process.on('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});
