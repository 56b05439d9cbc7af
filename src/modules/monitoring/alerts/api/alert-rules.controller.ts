import { PageQueryDto, ThreatPolicy, type Page } from '@app/common';
import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';

import { RequireScopes, Scope } from '../../../security/index.js';
import { AlertRuleRepository } from '../rules/alert-rule.repository.js';
import { AlertRulesService } from '../rules/alert-rules.service.js';
import { toRuleView, type AlertRuleView } from './alert-views.js';
import { CreateAlertRuleDto } from './dto/create-alert-rule.dto.js';
import { UpdateAlertRuleDto } from './dto/update-alert-rule.dto.js';

@ApiTags('monitoring')
@ApiBearerAuth()
@Controller({ path: 'monitoring/alert-rules', version: '1' })
export class AlertRulesController {
  constructor(
    private readonly repository: AlertRuleRepository,
    private readonly rules: AlertRulesService,
  ) {}

  @Post()
  @RequireScopes(Scope.MONITORING_WRITE)
  // Annotation templates (`{{ $value }}`) read like template injection; they are filled by plain replacement only.
  @ThreatPolicy({ exclude: ['body.annotations'] })
  @ApiOperation({ summary: 'Create an alert rule: signal, aggregation, window, comparator, threshold, `for`, labels, annotations, channels.' })
  async create(@Body() body: CreateAlertRuleDto): Promise<AlertRuleView> {
    return toRuleView(await this.rules.create(body));
  }

  @Get()
  @RequireScopes(Scope.MONITORING_READ)
  @ApiOperation({ summary: 'Alert rules, newest first (`?limit=&cursor=`).' })
  async list(@Query() query: PageQueryDto): Promise<Page<AlertRuleView>> {
    const page = await this.repository.listPage(query.limit, query.cursor);
    return { items: page.items.map(toRuleView), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @RequireScopes(Scope.MONITORING_READ)
  @ApiOperation({ summary: 'One alert rule.' })
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<AlertRuleView> {
    return toRuleView(await this.repository.getByIdOrThrow(id));
  }

  @Patch(':id')
  @RequireScopes(Scope.MONITORING_WRITE)
  @ThreatPolicy({ exclude: ['body.annotations'] })
  @ApiOperation({ summary: 'Change some fields of a rule; the result is checked as a whole.' })
  async update(@Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateAlertRuleDto): Promise<AlertRuleView> {
    return toRuleView(await this.rules.update(id, body));
  }

  @Post(':id/test')
  @HttpCode(HttpStatus.OK)
  @RequireScopes(Scope.MONITORING_READ)
  @ApiOperation({ summary: "Read the rule's signal now and say whether its condition holds (null: no data); changes no alert." })
  test(@Param('id', ParseUUIDPipe) id: string): Promise<{ value: number | null; conditionHolds: boolean | null }> {
    return this.rules.preview(id);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @RequireScopes(Scope.MONITORING_WRITE)
  @ApiOperation({ summary: 'Delete a rule and its alerts.' })
  async delete(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.repository.getByIdOrThrow(id);
    await this.repository.deleteWithAlerts(id);
  }
}
