import { ThreatPolicy } from '@app/common';
import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { RequireScopes, Scope } from '../../security/index.js';
import { CacheException, CacheExceptionCode } from '../cache.exception.js';
import { CacheService } from '../cache.service.js';
import type { CacheStats } from '../cache-stats.js';
import { CacheEntryParamsDto } from './dto/cache-entry-params.dto.js';
import { CacheEntryResponseDto } from './dto/cache-entry-response.dto.js';
import { InvalidateCacheDto, InvalidateCacheResultDto } from './dto/invalidate-cache.dto.js';
import { PutCacheEntryDto } from './dto/put-cache-entry.dto.js';

@ApiTags('cache')
@ApiBearerAuth()
@Controller({ path: 'cache', version: '1' })
export class CacheController {
  constructor(private readonly cache: CacheService) {}

  @Get('stats')
  @RequireScopes(Scope.CACHE_READ)
  @ApiOperation({ summary: 'Hits, misses and hit ratio per tier, L1 entries and bytes, L2 state and latency percentiles (this instance).' })
  stats(): CacheStats {
    return this.cache.stats();
  }

  @Get('entries/:namespace/:key')
  @RequireScopes(Scope.CACHE_READ)
  @ApiOkResponse({ type: CacheEntryResponseDto })
  async get(@Param() { namespace, key }: CacheEntryParamsDto): Promise<CacheEntryResponseDto> {
    const [value, ttlMs] = await Promise.all([this.cache.get(namespace, key), this.cache.ttl(namespace, key)]);
    if (value === undefined) {
      throw new CacheException(CacheExceptionCode.ENTRY_NOT_FOUND, `Nothing is cached under "${namespace}" for this key.`);
    }
    return { namespace, key, value, ttlMs: ttlMs ?? 0 };
  }

  @Put('entries/:namespace/:key')
  @RequireScopes(Scope.CACHE_WRITE)
  // Cached values are data stored and returned verbatim (often HTML or code); keys and options are still inspected.
  @ThreatPolicy({ exclude: ['body.value'] })
  @ApiOkResponse({ type: CacheEntryResponseDto })
  async put(@Param() { namespace, key }: CacheEntryParamsDto, @Body() body: PutCacheEntryDto): Promise<CacheEntryResponseDto> {
    const bytes = this.cache.encodedSize(body.value);
    if (bytes > this.cache.maxValueBytes) {
      throw new CacheException(CacheExceptionCode.VALUE_TOO_LARGE, `The value encodes to ${bytes} bytes; the limit is ${this.cache.maxValueBytes} (CACHE_MAX_VALUE_BYTES).`);
    }
    await this.cache.set(namespace, key, body.value, { ttl: body.ttlMs, grace: body.graceMs, tags: body.tags });
    return { namespace, key, value: body.value, ttlMs: (await this.cache.ttl(namespace, key)) ?? 0 };
  }

  @Delete('entries/:namespace/:key')
  @HttpCode(HttpStatus.NO_CONTENT)
  @RequireScopes(Scope.CACHE_WRITE)
  @ApiNoContentResponse({ description: 'Deleted from both tiers and every instance\'s L1 (also when it was not cached).' })
  async delete(@Param() { namespace, key }: CacheEntryParamsDto): Promise<void> {
    await this.cache.delete(namespace, key);
  }

  @Post('invalidate')
  @HttpCode(HttpStatus.OK)
  @RequireScopes(Scope.CACHE_WRITE)
  @ApiOperation({ summary: 'Invalidate by full keys, by tags, or by a glob pattern (SCAN + UNLINK), on every instance.' })
  @ApiOkResponse({ type: InvalidateCacheResultDto })
  async invalidate(@Body() body: InvalidateCacheDto): Promise<InvalidateCacheResultDto> {
    const given = [body.keys, body.tags, body.pattern].filter((part) => part !== undefined);
    if (given.length !== 1) {
      throw new CacheException(CacheExceptionCode.INVALID_OPTIONS, 'Send exactly one of `keys`, `tags` or `pattern`.');
    }
    if (body.keys !== undefined) {
      return { deleted: await this.cache.invalidateKeys(body.keys) };
    }
    return { deleted: body.tags !== undefined ? await this.cache.invalidateTags(body.tags) : await this.cache.invalidatePattern(body.pattern as string) };
  }
}
