import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { RequireScopes, Scope } from '../../../security/index.js';
import { GpuQueryService } from '../gpu-query.service.js';
import { ListGpuEventsQueryDto } from './dto/gpu-query.dto.js';
import { GpuEventPageDto } from './dto/gpu-responses.dto.js';

@ApiTags('gpu')
@Controller({ path: 'gpu/events', version: '1' })
export class GpuEventsController {
  constructor(private readonly query: GpuQueryService) {}

  @Get()
  @RequireScopes(Scope.GPU_READ)
  @ApiOperation({ summary: 'Throttle and Xid events, newest first, by device and kind, with cursor pagination.' })
  @ApiOkResponse({ type: GpuEventPageDto })
  list(@Query() query: ListGpuEventsQueryDto): Promise<GpuEventPageDto> {
    return this.query.listEvents({ deviceId: query.deviceId, kind: query.kind }, query.limit, query.cursor);
  }
}
