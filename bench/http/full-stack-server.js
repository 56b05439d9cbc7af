// The whole app (dist/) with one bench route, GET /bench/catalogue: API key authentication and a scope, the Redis
// rate limiter, threat inspection (THREAT_MODE as configured: block), HTTP metrics, and a JSON body served by
// @Cached from the cache (Redis L2 behind the in-process L1). Prints "READY <port> <api key>". Started by run.js.
import 'reflect-metadata';

import { Controller, Get } from '@nestjs/common';

import { Cached } from '../../dist/src/modules/cache/index.js';
import { RequireScopes, Scope } from '../../dist/src/modules/security/index.js';
import { serveBenchApp } from '../support/bench-app.js';
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

await serveBenchApp(BenchController, [Scope.CACHE_READ]);
