import { MemoizedReflector, MetricsRegistry } from '@app/common';
import { testConfig } from '@app/testing';
import type { ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

import { attachPrincipal, type Principal } from '../auth/principal.js';
import { Scope, Tier } from '../security.constants.js';
import { SecurityException, SecurityExceptionCode } from '../security.exception.js';
import { InMemoryRateLimitStrategy } from './in-memory-rate-limit.strategy.js';
import { RateLimit, SkipRateLimit } from './rate-limit.decorators.js';
import { RateLimitGuard } from './rate-limit.guard.js';
import { RateLimitMetrics } from './rate-limit.metrics.js';
import { throttlerOptions } from './rate-limit.module.js';
import { RateLimitStorage } from './rate-limit.storage.js';

class PlainController {
  handle(): void {}
  other(): void {}
}

class DecoratedController {
  @RateLimit({ limit: 1, windowMs: 60_000 })
  strict(): void {}

  @SkipRateLimit()
  probe(): void {}
}

const apiKey = (id: string, tier: Tier): Principal => ({ kind: 'api-key', id, name: id, owner: 'o', tier, scopes: [Scope.CACHE_READ] });

interface FakeResponse {
  headers: Record<string, string>;
  set: (headers: Record<string, string>) => void;
}

function call(guard: RateLimitGuard, options: { ip?: string; principal?: Principal; controller?: object; handler?: string } = {}) {
  const request = { ip: options.ip ?? '203.0.113.1', method: 'GET', path: '/x', socket: {} } as unknown as Request;
  if (options.principal) {
    attachPrincipal(request, options.principal);
  }
  const response: FakeResponse = { headers: {}, set: (headers) => Object.assign(response.headers, headers) };
  const controller = (options.controller ?? PlainController) as { prototype: Record<string, () => void>; name: string };
  const handler = controller.prototype[options.handler ?? 'handle']!;
  const context = {
    getClass: () => controller,
    getHandler: () => handler,
    getType: () => 'http',
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => response }),
  } as unknown as ExecutionContext;
  return { response, result: guard.canActivate(context) };
}

async function setup(env: Record<string, string> = {}) {
  const config = testConfig({ RATE_LIMIT_ANONYMOUS: '2', RATE_LIMIT_FREE: '3', RATE_LIMIT_PRO: '5', RATE_LIMIT_WINDOW_MS: '60000', ...env });
  const registry = new MetricsRegistry();
  const metrics = new RateLimitMetrics(registry);
  const storage = new RateLimitStorage(new InMemoryRateLimitStrategy(), null, 'open', metrics);
  const guard = new RateLimitGuard(throttlerOptions(config, storage), storage, new MemoizedReflector(), config, metrics);
  await guard.onModuleInit();
  return { guard, registry };
}

async function allowedCount(guard: RateLimitGuard, times: number, options: Parameters<typeof call>[1]): Promise<number> {
  let allowed = 0;
  for (let i = 0; i < times; i++) {
    allowed += (await call(guard, options).result.catch(() => false)) ? 1 : 0;
  }
  return allowed;
}

async function decisions(registry: MetricsRegistry, outcome: string): Promise<number> {
  const metric = await registry.getSingleMetric('bulwark_security_rate_limit_decisions_total')!.get();
  return metric.values.find((value) => value.labels.outcome === outcome)?.value ?? 0;
}

describe(RateLimitGuard.name, () => {
  describe('canActivate', () => {
    it('limits anonymous callers by client IP at the anonymous limit', async () => {
      const { guard } = await setup();
      expect(await allowedCount(guard, 5, { ip: '203.0.113.1' })).toBe(2);
      expect(await allowedCount(guard, 5, { ip: '203.0.113.2' })).toBe(2);
    });

    it('sets RateLimit-Limit, -Remaining and -Reset (seconds) on allowed responses', async () => {
      const { guard } = await setup();
      const { response, result } = call(guard);
      await expect(result).resolves.toBe(true);
      expect(response.headers).toEqual({ 'RateLimit-Limit': '2', 'RateLimit-Remaining': '1', 'RateLimit-Reset': '30' });
    });

    it('throws SECURITY.RATE_LIMITED with Retry-After once the budget is spent, the headers saying 0 left', async () => {
      const { guard, registry } = await setup();
      await call(guard).result;
      await call(guard).result;
      const { response, result } = call(guard);
      const error = await result.catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(SecurityException);
      expect(error).toMatchObject({ code: SecurityExceptionCode.RATE_LIMITED, status: 429, headers: { 'Retry-After': '30' } });
      expect(response.headers['RateLimit-Remaining']).toBe('0');
      expect(await decisions(registry, 'limited')).toBe(1);
      expect(await decisions(registry, 'allowed')).toBe(2);
    });

    it("limits an API key at its tier's limit, by key id whatever IP it comes from", async () => {
      const { guard } = await setup();
      const free = apiKey('k1', Tier.FREE);
      const allowed = (await allowedCount(guard, 2, { principal: free, ip: '198.51.100.1' })) + (await allowedCount(guard, 3, { principal: free, ip: '198.51.100.2' }));
      expect(allowed).toBe(3);
      expect(await allowedCount(guard, 6, { principal: apiKey('k2', Tier.PRO) })).toBe(5);
    });

    it("limits a user at its tier's limit, apart from anonymous callers on the same IP", async () => {
      const { guard } = await setup();
      const user: Principal = { kind: 'user', id: 'u1', email: 'u@example.com', role: 'viewer' as never, tier: Tier.PRO, scopes: [] };
      expect(await allowedCount(guard, 7, { principal: user })).toBe(5);
      expect(await allowedCount(guard, 3, {})).toBe(2);
    });

    it('shares one budget across routes', async () => {
      const { guard } = await setup();
      expect(await allowedCount(guard, 1, { handler: 'handle' })).toBe(1);
      expect(await allowedCount(guard, 3, { handler: 'other' })).toBe(1);
    });

    it('gives a @RateLimit route its own limit and bucket', async () => {
      const { guard } = await setup();
      const strict = { controller: DecoratedController, handler: 'strict' };
      const { response, result } = call(guard, strict);
      await expect(result).resolves.toBe(true);
      expect(response.headers['RateLimit-Limit']).toBe('1');
      expect(await allowedCount(guard, 3, strict)).toBe(0);
      expect(await allowedCount(guard, 3, {})).toBe(2);
    });

    it('never limits a @SkipRateLimit route, nor sets headers there', async () => {
      const { guard } = await setup();
      const probe = { controller: DecoratedController, handler: 'probe' };
      expect(await allowedCount(guard, 10, probe)).toBe(10);
      const { response, result } = call(guard, probe);
      await expect(result).resolves.toBe(true);
      expect(response.headers).toEqual({});
    });

    it('leaves non-HTTP contexts alone', async () => {
      const { guard, registry } = await setup();
      const context = { getType: () => 'rpc', getClass: () => PlainController, getHandler: () => PlainController.prototype.handle } as unknown as ExecutionContext;
      for (let i = 0; i < 5; i++) {
        await expect(guard.canActivate(context)).resolves.toBe(true);
      }
      expect(await decisions(registry, 'allowed')).toBe(0);
    });

    it('in shadow mode lets everything through but counts what it would have limited', async () => {
      const { guard, registry } = await setup({ RATE_LIMIT_SHADOW: 'true' });
      expect(await allowedCount(guard, 5, {})).toBe(5);
      expect(await decisions(registry, 'shadow_limited')).toBe(3);
      expect(await decisions(registry, 'limited')).toBe(0);
      const { response, result } = call(guard);
      await expect(result).resolves.toBe(true);
      expect(response.headers['RateLimit-Remaining']).toBe('0');
    });
  });
});
