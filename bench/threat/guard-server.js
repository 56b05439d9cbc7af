// The whole app serving one handler on routes that differ only in what inspects them: POST /bench/inspected (the
// configured default threat policy, block) and POST /bench/uninspected (@ThreatPolicy('off')). Every route sits behind
// API key authentication, the scope check and the Redis rate limiter. Prints "READY <port> <api key>". Started by
// guard-run.js, whose --ablation=1 also measures two routes that do part of the guard's work (with the policy off and
// a route guard of their own, after the same global guards), to show where the guard's cost goes:
// - POST /bench/walked: flattens the request as the threat guard does and visits every value, nothing more;
// - POST /bench/screened: that, then the engine's per-value path with no detectors: the inert-value test, the memo
//   and normalisation.
// With --endpoint=db, guard-run.js measures POST /bench/read-inspected and /bench/read-uninspected instead: the same
// policies on a handler that first reads one row through TypeORM from PostgreSQL, as most real endpoints do.
import 'reflect-metadata';

import { Body, Controller, HttpCode, Inject, Post, UseGuards } from '@nestjs/common';

import { ThreatPolicy } from '../../dist/libs/common/src/index.js';
import { TransactionalConnection } from '../../dist/src/modules/database/index.js';
import { ApiKeyEntity } from '../../dist/src/modules/security/api-keys/api-key.entity.js';
import { RequireScopes, Scope } from '../../dist/src/modules/security/index.js';
import { isInertValue } from '../../dist/src/modules/threat/detectors/registry.js';
import { flattenRequest, inspect, ValueMemo } from '../../dist/src/modules/threat/engine/index.js';
import { requestParts } from '../../dist/src/modules/threat/guard/request-parts.util.js';
import { serveBenchApp } from '../support/bench-app.js';

const handle = (body) => ({ fields: Object.keys(body ?? {}).length });

class BenchController {
  constructor(connection) {
    this.connection = connection;
  }

  async readInspected(body) {
    return this.read(body);
  }

  async readUninspected(body) {
    return this.read(body);
  }

  async read(body) {
    const row = await this.connection.getRepository(ApiKeyEntity).findOne({ where: { name: 'bench' } });
    return { ...handle(body), owner: row?.owner ?? null };
  }

  inspected(body) {
    return handle(body);
  }

  uninspected(body) {
    return handle(body);
  }

  walked(body) {
    return handle(body);
  }

  screened(body) {
    return handle(body);
  }
}

/** Flattens the request and reads every value: what the guard does before any value is looked at. */
class WalkGuard {
  canActivate(context) {
    const { values } = flattenRequest(requestParts(context.switchToHttp().getRequest()));
    let characters = 0;
    for (const { value } of values) {
      characters += value.length;
    }
    return characters >= 0;
  }
}

/**
 * The engine's per-value path (inert test, memo, normalisation) with no detector behind it, at the configuration the
 * benchmark app runs the real guard with: THREAT_PARANOIA's and THREAT_MEMO_ENTRIES' defaults (1 and 10,000).
 */
class ScreenGuard {
  memo = new ValueMemo(10_000);

  canActivate(context) {
    const { values } = flattenRequest(requestParts(context.switchToHttp().getRequest()));
    return inspect(values, { paranoia: 1, detectors: [], inert: isInertValue, memo: this.memo }).score === 0;
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
const protectedPost = (path) => [Post(path), HttpCode(200), RequireScopes(Scope.CACHE_READ)];
route('inspected', ...protectedPost('inspected'));
route('uninspected', ...protectedPost('uninspected'), ThreatPolicy('off'));
route('walked', ...protectedPost('walked'), ThreatPolicy('off'), UseGuards(new WalkGuard()));
route('screened', ...protectedPost('screened'), ThreatPolicy('off'), UseGuards(new ScreenGuard()));
route('readInspected', ...protectedPost('read-inspected'));
route('readUninspected', ...protectedPost('read-uninspected'), ThreatPolicy('off'));
Inject(TransactionalConnection)(BenchController, undefined, 0);
Controller('bench')(BenchController);

await serveBenchApp(BenchController, [Scope.CACHE_READ]);
