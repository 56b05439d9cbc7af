// The whole app serving one handler on two routes that differ only in their threat policy: POST /bench/inspected
// (the configured default, block) and POST /bench/uninspected (@ThreatPolicy('off')). Both sit behind API key
// authentication, the scope check and the Redis rate limiter. Prints "READY <port> <api key>". Started by guard-run.js.
import 'reflect-metadata';

import { Body, Controller, HttpCode, Post } from '@nestjs/common';

import { ThreatPolicy } from '../../dist/libs/common/src/index.js';
import { RequireScopes, Scope } from '../../dist/src/modules/security/index.js';
import { serveBenchApp } from '../support/bench-app.js';

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

await serveBenchApp(BenchController, [Scope.CACHE_READ]);
