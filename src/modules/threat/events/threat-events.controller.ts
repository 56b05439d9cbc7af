import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { RequireScopes, Scope } from '../../security/index.js';
import { ThreatException, ThreatExceptionCode } from '../threat.exception.js';
import { ListThreatEventsQueryDto } from './dto/list-threat-events-query.dto.js';
import { ThreatEventPageDto, ThreatEventResponseDto } from './dto/threat-event-response.dto.js';
import { ThreatEventRepository } from './threat-event.repository.js';

@ApiTags('threat')
@ApiBearerAuth()
@RequireScopes(Scope.AUDIT_READ)
@Controller({ path: 'threat/events', version: '1' })
export class ThreatEventsController {
  constructor(private readonly events: ThreatEventRepository) {}

  @Get()
  @ApiOperation({ summary: 'Recorded detections, newest first; repeats within the fold window are one event with a count.' })
  @ApiOkResponse({ type: ThreatEventPageDto })
  async list(@Query() query: ListThreatEventsQueryDto): Promise<ThreatEventPageDto> {
    const page = await this.events.listPage(query);
    return { items: page.items.map((event) => ThreatEventResponseDto.from(event)), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @ApiOkResponse({ type: ThreatEventResponseDto })
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<ThreatEventResponseDto> {
    const event = await this.events.findById(id);
    if (!event) {
      throw new ThreatException(ThreatExceptionCode.EVENT_NOT_FOUND, `No threat event has id ${id} (events are written within a second of the request).`);
    }
    return ThreatEventResponseDto.from(event);
  }
}
