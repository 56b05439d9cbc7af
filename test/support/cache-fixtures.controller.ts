import { Controller, Get, HttpCode, HttpStatus, NotFoundException, Param, Post, Query } from '@nestjs/common';

import { Cached, InvalidatesCache } from '../../src/modules/cache/index.js';
import { CurrentPrincipal, RequireScopes, Scope, type Principal } from '../../src/modules/security/index.js';

/** Routes with HTTP caching, mounted only in e2e tests. Each counts how often its handler really ran. */
@RequireScopes(Scope.CACHE_READ)
@Controller('cache-fixtures')
export class CacheFixturesController {
  static runs = 0;
  static version = 1;

  @Get('catalogue')
  @Cached({ ttl: 60_000, shared: true, tags: ['catalogue'] })
  catalogue(@Query('page') page = '1'): { page: string; version: number; run: number } {
    CacheFixturesController.runs += 1;
    return { page, version: CacheFixturesController.version, run: CacheFixturesController.runs };
  }

  @Get('mine')
  @Cached({ ttl: 60_000 })
  mine(@CurrentPrincipal() principal: Principal): { who: string } {
    CacheFixturesController.runs += 1;
    return { who: principal.kind === 'anonymous' ? 'anonymous' : principal.id };
  }

  @Get('missing/:id')
  @Cached({ ttl: 60_000, shared: true })
  missing(@Param('id') id: string): never {
    CacheFixturesController.runs += 1;
    throw new NotFoundException(`no ${id}`);
  }

  @Post('catalogue')
  @HttpCode(HttpStatus.OK)
  @RequireScopes(Scope.CACHE_WRITE)
  @InvalidatesCache(['catalogue'])
  update(): { version: number } {
    CacheFixturesController.version += 1;
    return { version: CacheFixturesController.version };
  }
}
