import { PageQueryDto, type Page } from '@app/common';
import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';

import { CurrentPrincipal, RequireScopes, Scope, type Principal } from '../../../security/index.js';
import { SilenceRepository } from '../silences/silence.repository.js';
import { SilencesService } from '../silences/silences.service.js';
import { toSilenceView, type SilenceView } from './alert-views.js';
import { CreateSilenceDto } from './dto/create-silence.dto.js';

function authorOf(principal: Principal): string {
  switch (principal.kind) {
    case 'api-key':
      return `api-key:${principal.name}`;
    case 'user':
      return `user:${principal.email}`;
    case 'anonymous':
      return 'anonymous';
  }
}

@ApiTags('monitoring')
@ApiBearerAuth()
@Controller({ path: 'monitoring/silences', version: '1' })
export class SilencesController {
  constructor(
    private readonly repository: SilenceRepository,
    private readonly silences: SilencesService,
  ) {}

  @Post()
  @RequireScopes(Scope.MONITORING_WRITE)
  @ApiOperation({ summary: 'Mute notifications of the alerts every matcher matches (equality or inequality; no regex) from startsAt to endsAt.' })
  async create(@Body() body: CreateSilenceDto, @CurrentPrincipal() principal: Principal): Promise<SilenceView> {
    const matchers = body.matchers.map((m) => ({ name: m.name, value: m.value, isEqual: m.isEqual ?? true }));
    const silence = await this.silences.create(
      { matchers, startsAt: typeof body.startsAt === 'string' ? new Date(body.startsAt) : undefined, endsAt: new Date(body.endsAt), comment: body.comment },
      authorOf(principal),
    );
    return toSilenceView(silence, new Date());
  }

  @Get()
  @RequireScopes(Scope.MONITORING_READ)
  @ApiOperation({ summary: 'Silences (pending, active, expired), newest first.' })
  async list(@Query() query: PageQueryDto): Promise<Page<SilenceView>> {
    const page = await this.repository.listPage(query.limit, query.cursor);
    const now = new Date();
    return { items: page.items.map((silence) => toSilenceView(silence, now)), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @RequireScopes(Scope.MONITORING_READ)
  @ApiOperation({ summary: 'One silence.' })
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<SilenceView> {
    return toSilenceView(await this.repository.getByIdOrThrow(id), new Date());
  }

  @Delete(':id')
  @RequireScopes(Scope.MONITORING_WRITE)
  @ApiOperation({ summary: 'Expire a silence now (it stays listed as expired).' })
  async expire(@Param('id', ParseUUIDPipe) id: string): Promise<SilenceView> {
    return toSilenceView(await this.silences.expire(id), new Date());
  }
}
