import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';

import { WINDOW_NAMES, type WindowName } from '../../signals/request-stats.js';

export class SummaryQueryDto {
  @ApiPropertyOptional({ enum: WINDOW_NAMES, default: '1m', description: 'The sliding window the figures cover.' })
  @IsOptional()
  @IsIn(WINDOW_NAMES)
  window: WindowName = '1m';

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50, description: 'Most routes listed, busiest first.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  routes = 50;
}
