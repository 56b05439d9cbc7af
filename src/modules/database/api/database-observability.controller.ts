import { CommonException, CommonExceptionCode, decodeCursor, encodeCursor, PageQueryDto, RequireScopeNames, ThreatPolicy } from '@app/common';
import { AppConfig } from '@app/config';
import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { IndexAdvisor, type IndexAdvice } from '../observability/index-advisor.service.js';
import { QueryObserver } from '../observability/query-observer.service.js';
import { QueryStatsService } from '../observability/query-stats.service.js';
import { PoolStatsService } from '../pool-stats.service.js';
import { IndexAdviceDto, IndexAdviceRequestDto } from './dto/index-advice.dto.js';
import { PoolResponseDto } from './dto/pool-response.dto.js';
import { ListQueryStatsQueryDto, QueryStatsPageDto } from './dto/query-stats.dto.js';
import { SlowQueryPageDto } from './dto/slow-query.dto.js';

/** `Scope.DB_READ` of the security module, which this module cannot import (security depends on it). */
const DB_READ = 'db:read';

@ApiTags('database')
@ApiBearerAuth()
@RequireScopeNames(DB_READ)
@Controller({ path: 'db', version: '1' })
export class DatabaseObservabilityController {
  constructor(
    private readonly config: AppConfig,
    private readonly pool: PoolStatsService,
    private readonly queries: QueryObserver,
    private readonly queryStats: QueryStatsService,
    private readonly advisor: IndexAdvisor,
  ) {}

  @Get('pool')
  @ApiOperation({ summary: 'This instance\'s PostgreSQL pool: connections total, idle, active, callers waiting, limits.' })
  @ApiOkResponse({ type: PoolResponseDto })
  poolStats(): PoolResponseDto {
    return { ...this.pool.stats(), replicas: this.pool.replicaStats(), acquireTimeoutMs: this.config.database.pool.acquireTimeoutMs, slowQueryThresholdMs: this.config.database.slowQuery.thresholdMs };
  }

  @Get('slow-queries')
  @ApiOperation({ summary: 'Queries over DATABASE_SLOW_QUERY_MS on this instance, per fingerprint (values stripped), heaviest total first.' })
  @ApiOkResponse({ type: SlowQueryPageDto })
  slowQueries(@Query() page: PageQueryDto): SlowQueryPageDto {
    const offset = offsetOf(page.cursor);
    const all = this.queries.slowQueryStats();
    const items = all.slice(offset, offset + page.limit);
    const next = offset + items.length;
    return { items, nextCursor: next < all.length ? encodeCursor({ offset: next }) : null };
  }

  @Get('query-stats')
  @ApiOperation({ summary: 'Top statements of this database from pg_stat_statements by total time, mean time or calls; says how to enable it when absent.' })
  @ApiOkResponse({ type: QueryStatsPageDto })
  async topQueries(@Query() query: ListQueryStatsQueryDto): Promise<QueryStatsPageDto> {
    const offset = offsetOf(query.cursor);
    const result = await this.queryStats.top(query.sort, query.limit, offset);
    if (!result.available) {
      return { available: false, items: [], nextCursor: null, reason: result.reason, howToEnable: result.howToEnable };
    }
    return { available: true, items: result.items, nextCursor: result.hasMore ? encodeCursor({ offset: offset + result.items.length }) : null };
  }

  @Get('index-advice')
  @ApiOperation({ summary: 'Index advice for the top statements (pg_stat_statements): HypoPG-verified recommendations (>= 50% cost cut), unverified candidates, unused and duplicate indexes, cache hit ratios. Creates nothing.' })
  @ApiOkResponse({ type: IndexAdviceDto })
  adviseTop(): Promise<IndexAdvice> {
    return this.advisor.adviseTop();
  }

  @Post('index-advice')
  @HttpCode(HttpStatus.OK)
  // The body is SQL by design; it is only explained, in a read-only transaction, one statement at a time.
  @ThreatPolicy({ exclude: ['body.queries'] })
  @ApiOperation({ summary: 'The same advice for the statements sent (e.g. from a CI job before a release).' })
  @ApiOkResponse({ type: IndexAdviceDto })
  advise(@Body() body: IndexAdviceRequestDto): Promise<IndexAdvice> {
    return this.advisor.advise(body.queries);
  }
}

/** Lists here are small and in memory or ranked by the server: an offset cursor is enough. */
function offsetOf(cursor: string | undefined): number {
  const offset = cursor === undefined ? 0 : decodeCursor(cursor, ['offset']).offset;
  if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0) {
    throw new CommonException(CommonExceptionCode.INVALID_CURSOR, 'The cursor is malformed or expired; start again without one.');
  }
  return offset;
}
