import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

import { WINDOW_NAMES, type WindowName } from '../../../signals/request-stats.js';

export class CreateBaselineDto {
  @ApiPropertyOptional({ maxLength: 100, example: 'release-2026.11.3', description: 'A label, e.g. the release this traffic ran on.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(/\S/, { message: 'name must not be blank' })
  name?: string;

  @ApiPropertyOptional({ enum: WINDOW_NAMES, default: '5m', description: 'The sliding window whose figures are recorded.' })
  @IsOptional()
  @IsIn(WINDOW_NAMES)
  window: WindowName = '5m';
}
