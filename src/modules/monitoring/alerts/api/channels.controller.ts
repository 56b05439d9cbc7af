import { PageQueryDto, ThreatPolicy, type Page } from '@app/common';
import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';

import { RequireScopes, Scope } from '../../../security/index.js';
import { targetFromInput } from '../channels/channel-target.js';
import { NotificationChannelRepository } from '../channels/notification-channel.repository.js';
import { NotificationChannelsService } from '../channels/notification-channels.service.js';
import { toChannelView, type ChannelView } from './alert-views.js';
import { CreateChannelDto } from './dto/create-channel.dto.js';

@ApiTags('monitoring')
@ApiBearerAuth()
@Controller({ path: 'monitoring/channels', version: '1' })
export class ChannelsController {
  constructor(
    private readonly channels: NotificationChannelsService,
    private readonly repository: NotificationChannelRepository,
  ) {}

  @Post()
  @RequireScopes(Scope.MONITORING_WRITE)
  // The target is checked by the notifier's SSRF guard; a receiver URL or token may look like anything.
  @ThreatPolicy({ exclude: ['body.url', 'body.bearerToken'] })
  @ApiOperation({ summary: 'Create a channel (webhook, slack, discord, email); the target is checked (422 when not allowed) and stored encrypted, never returned.' })
  async create(@Body() body: CreateChannelDto): Promise<ChannelView> {
    return toChannelView(await this.channels.create(body.name, targetFromInput(body)));
  }

  @Get()
  @RequireScopes(Scope.MONITORING_READ)
  @ApiOperation({ summary: 'Channels, newest first: kind, name and host or recipient count only.' })
  async list(@Query() query: PageQueryDto): Promise<Page<ChannelView>> {
    const page = await this.repository.listPage(query.limit, query.cursor);
    return { items: page.items.map(toChannelView), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @RequireScopes(Scope.MONITORING_READ)
  @ApiOperation({ summary: 'One channel (without its target).' })
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<ChannelView> {
    return toChannelView(await this.repository.getByIdOrThrow(id));
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @RequireScopes(Scope.MONITORING_WRITE)
  @ApiOperation({ summary: 'Delete a channel; rules stop sending to it.' })
  async delete(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.channels.delete(id);
  }

  @Post(':id/test')
  @HttpCode(HttpStatus.OK)
  @RequireScopes(Scope.MONITORING_WRITE)
  @ApiOperation({ summary: 'Send a test notification (502 when the receiver refuses or times out).' })
  async test(@Param('id', ParseUUIDPipe) id: string): Promise<{ sent: true }> {
    await this.channels.sendTest(id);
    return { sent: true };
  }
}
