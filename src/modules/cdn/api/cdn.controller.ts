import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';

import type { JobStatus } from '../../database/index.js';
import { RequireScopes, Scope } from '../../security/index.js';
import { CdnException, CdnExceptionCode } from '../cdn.exception.js';
import { CdnPurgeService, type PurgeOutcome } from '../purge/cdn-purge.service.js';
import { EdgePurgeQueue } from '../purge/edge-purge.queue.js';
import { CdnStatsService, type CdnStats } from '../stats/cdn-stats.service.js';
import { PurgeCdnDto } from './dto/purge-cdn.dto.js';

@ApiTags('cdn')
@ApiBearerAuth()
@Controller({ path: 'cdn', version: '1' })
export class CdnController {
  constructor(
    private readonly edgePurges: EdgePurgeQueue,
    private readonly purges: CdnPurgeService,
    private readonly stats: CdnStatsService,
  ) {}

  @Post('purge')
  @HttpCode(HttpStatus.ACCEPTED)
  @RequireScopes(Scope.CDN_WRITE)
  @ApiOperation({ summary: 'Purge by `urls`, `tags` or `prefix`: our caches at once (every instance), each configured edge as a retried job.' })
  purge(@Body() body: PurgeCdnDto): Promise<PurgeOutcome> {
    return this.purges.purge(body);
  }

  @Get('purges/:id')
  @RequireScopes(Scope.CDN_READ)
  @ApiOperation({ summary: 'An edge purge job: state, progress, retries, and the edge\'s answer or last error.' })
  async purgeStatus(@Param('id', ParseUUIDPipe) id: string): Promise<JobStatus> {
    const status = await this.edgePurges.status(id);
    if (status === null) {
      throw new CdnException(CdnExceptionCode.PURGE_NOT_FOUND, `No purge ${id}.`);
    }
    return status;
  }

  @Get('stats')
  @RequireScopes(Scope.CDN_READ)
  @ApiOperation({ summary: 'Bytes uploaded, stored and served; bytes saved by minification, compression and image formats; 304 ratio; top assets; split by encoding.' })
  getStats(): Promise<CdnStats> {
    return this.stats.stats();
  }
}
