import { PageQueryDto, type Page } from '@app/common';
import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';

import { RequireScopes, Scope } from '../../../security/index.js';
import type { BaselineListItem, BaselineView } from '../baseline-view.js';
import { BaselinesService } from '../baselines.service.js';
import { CreateBaselineDto } from './dto/create-baseline.dto.js';

@ApiTags('monitoring')
@ApiBearerAuth()
@Controller({ path: 'monitoring/baselines', version: '1' })
export class BaselinesController {
  constructor(private readonly baselines: BaselinesService) {}

  @Post()
  @RequireScopes(Scope.MONITORING_WRITE)
  @ApiOperation({
    summary:
      'Record p95, p99 and error rate of every route with at least MONITORING_REGRESSION_MIN_REQUESTS requests in the window (409 when none has); the new baseline becomes the active one.',
  })
  capture(@Body() body: CreateBaselineDto): Promise<BaselineView> {
    return this.baselines.capture(body.name, body.window);
  }

  @Get()
  @RequireScopes(Scope.MONITORING_READ)
  @ApiOperation({ summary: 'Baselines, newest first (`?limit=&cursor=`), without their routes; `active` marks the one regressions are judged against.' })
  list(@Query() query: PageQueryDto): Promise<Page<BaselineListItem>> {
    return this.baselines.list(query.limit, query.cursor);
  }

  @Get(':id')
  @RequireScopes(Scope.MONITORING_READ)
  @ApiOperation({ summary: 'One baseline with every recorded route.' })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<BaselineView> {
    return this.baselines.get(id);
  }

  @Post(':id/activate')
  @HttpCode(HttpStatus.OK)
  @RequireScopes(Scope.MONITORING_WRITE)
  @ApiOperation({ summary: 'Judge regressions against this baseline from now on (e.g. back to a known-good release).' })
  activate(@Param('id', ParseUUIDPipe) id: string): Promise<BaselineView> {
    return this.baselines.activate(id);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @RequireScopes(Scope.MONITORING_WRITE)
  @ApiOperation({ summary: 'Delete a baseline; when it was the active one, the most recently activated one left takes over.' })
  async delete(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.baselines.delete(id);
  }
}
