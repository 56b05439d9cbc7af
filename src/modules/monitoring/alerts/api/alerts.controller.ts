import type { Page } from '@app/common';
import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';

import { RequireScopes, Scope } from '../../../security/index.js';
import { AlertQueries } from '../engine/alert-queries.service.js';
import type { AlertView } from './alert-views.js';
import { ListAlertsQueryDto } from './dto/list-alerts-query.dto.js';

@ApiTags('monitoring')
@ApiBearerAuth()
@Controller({ path: 'monitoring/alerts', version: '1' })
export class AlertsController {
  constructor(private readonly alerts: AlertQueries) {}

  @Get()
  @RequireScopes(Scope.MONITORING_READ)
  @ApiOperation({ summary: 'Alerts (pending, firing, resolved history), most recently activated first; `?state=&ruleId=&limit=&cursor=`.' })
  list(@Query() query: ListAlertsQueryDto): Promise<Page<AlertView>> {
    return this.alerts.list(query.limit, query.cursor, { state: query.state, ruleId: query.ruleId });
  }

  @Get(':id')
  @RequireScopes(Scope.MONITORING_READ)
  @ApiOperation({ summary: 'One alert, with whether a silence mutes it.' })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<AlertView> {
    return this.alerts.get(id);
  }
}
