import { PageQueryDto } from '@app/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';

import { ALERT_STATES, type AlertState } from '../../entities/alert.entity.js';

export class ListAlertsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ALERT_STATES })
  @IsOptional()
  @IsIn(ALERT_STATES)
  state?: AlertState;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  ruleId?: string;
}
