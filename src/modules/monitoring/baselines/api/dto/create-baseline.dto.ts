import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';

import { WINDOW_NAMES, type WindowName } from '../../../signals/request-stats.js';

export class CreateBaselineDto {
  @ApiPropertyOptional({ maxLength: 100, example: 'release-2026.11.3', description: 'A label, e.g. the release this traffic ran on.' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(1, { message: 'name must not be blank' })
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ enum: WINDOW_NAMES, default: '5m', description: 'The sliding window whose figures are recorded.' })
  // Absent takes the default; an explicit null is refused rather than reaching the service as "no window".
  @ValidateIf((_dto: unknown, value: unknown) => value !== undefined)
  @IsIn(WINDOW_NAMES)
  window: WindowName = '5m';
}
