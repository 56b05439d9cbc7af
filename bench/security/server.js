// One process serving the same trivial handler twice: GET /bench/open (public, never limited) and GET
// /bench/limited (behind the rate limiter of the mode given as argv[2]; in mode `app`, the whole app with API key
// authentication in front). Prints "READY <port> <api key>" once listening. Started by run.js.
import 'reflect-metadata';

import { Controller, Get, Module } from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import { SkipThrottle, ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';

import { CommonModule, Public, RedisModule } from '../../dist/libs/common/src/index.js';
import { ConfigModule } from '../../dist/libs/config/src/index.js';
import { AppModule } from '../../dist/src/app.module.js';
import { APP_OPTIONS, configureApp } from '../../dist/src/app.setup.js';
import { ApiKeyService } from '../../dist/src/modules/security/api-keys/api-key.service.js';
import { RequireScopes, Scope, Tier } from '../../dist/src/modules/security/index.js';
import { RateLimitGuard, RateLimitModule } from '../../dist/src/modules/security/rate-limit/index.js';

const mode = process.argv[2];

class BenchController {
  open() {
    return { ok: true };
  }

  limited() {
    return { ok: true };
  }
}

/** Decorators applied by hand: this file is plain JavaScript run against the compiled app in dist/. */
function route(name, ...decorators) {
  const descriptor = Object.getOwnPropertyDescriptor(BenchController.prototype, name);
  for (const decorator of decorators) {
    decorator(BenchController.prototype, name, descriptor);
  }
}
route('open', Get('open'), Public(), SkipThrottle());
route('limited', Get('limited'), RequireScopes(Scope.CACHE_READ));
Controller('bench')(BenchController);

/** A limit no benchmark reaches, so every guarded request does the full work of an allowed decision. */
const UNREACHABLE = 1_000_000_000;

function benchModule() {
  if (mode === 'app') {
    // The whole app (API key authentication, then the limiter, and every other global layer).
    return { controllers: [BenchController], imports: [AppModule] };
  }
  if (mode === 'stock') {
    return {
      controllers: [BenchController],
      imports: [ThrottlerModule.forRoot({ throttlers: [{ limit: UNREACHABLE, ttl: 60_000 }] })],
      providers: [{ provide: APP_GUARD, useClass: ThrottlerGuard }],
    };
  }
  return {
    controllers: [BenchController],
    imports: [CommonModule, ConfigModule, RateLimitModule, RedisModule],
    providers: [{ provide: APP_GUARD, useClass: RateLimitGuard }],
  };
}

class BenchModule {}
Module(benchModule())(BenchModule);

let app;
let key = '';
if (mode === 'app') {
  app = configureApp(await NestFactory.create(BenchModule, APP_OPTIONS));
  ({ key } = await app.get(ApiKeyService).create({ name: 'bench', owner: 'bench', tier: Tier.ENTERPRISE, scopes: [Scope.CACHE_READ], createdBy: 'system:bench' }));
} else {
  app = await NestFactory.create(BenchModule, { logger: ['error'] });
}
await app.listen(0, '127.0.0.1');
process.stdout.write(`READY ${app.getHttpServer().address().port} ${key}\n`);
process.on('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});
