import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';

import { RequireScopes } from '../auth/auth.decorators.js';
import { Scope } from '../security.constants.js';
import { Clock } from './clock.js';
import { CreateIpBlockDto } from './dto/create-ip-block.dto.js';
import { IpBlockPageDto, IpBlockResponseDto } from './dto/ip-block-response.dto.js';
import { ListIpBlocksQueryDto } from './dto/list-ip-blocks-query.dto.js';
import { actorOf } from './ip-block-actor.js';
import { IpBlockSource } from './ip-block.js';
import { IpBlocksService } from './ip-blocks.service.js';

@ApiTags('security')
@ApiBearerAuth()
@RequireScopes(Scope.SECURITY_ADMIN)
@Controller({ path: 'security/ip-blocks', version: '1' })
export class IpBlocksController {
  constructor(
    private readonly blocks: IpBlocksService,
    private readonly clock: Clock,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Block a network (or one address) on every instance; 400 SECURITY.INVALID_CIDR for anything else.' })
  @ApiCreatedResponse({ type: IpBlockResponseDto })
  async create(@Body() body: CreateIpBlockDto, @Req() request: Request): Promise<IpBlockResponseDto> {
    const block = await this.blocks.create(
      { cidr: body.cidr, reason: body.reason, source: IpBlockSource.MANUAL, expiresAt: body.expiresAt ? new Date(body.expiresAt) : null },
      actorOf(request),
    );
    return IpBlockResponseDto.from(block, this.clock.now());
  }

  @Get()
  @ApiOperation({ summary: 'Blocks, newest first, filtered by source and whether they are in force.' })
  @ApiOkResponse({ type: IpBlockPageDto })
  async list(@Query() query: ListIpBlocksQueryDto): Promise<IpBlockPageDto> {
    const page = await this.blocks.list({ limit: query.limit, cursor: query.cursor, source: query.source, active: query.active });
    const now = this.clock.now();
    return { items: page.items.map((block) => IpBlockResponseDto.from(block, now)), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @ApiOkResponse({ type: IpBlockResponseDto })
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<IpBlockResponseDto> {
    return IpBlockResponseDto.from(await this.blocks.get(id), this.clock.now());
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Lift a block on every instance.' })
  @ApiNoContentResponse()
  async delete(@Param('id', ParseUUIDPipe) id: string, @Req() request: Request): Promise<void> {
    await this.blocks.delete(id, actorOf(request));
  }
}
