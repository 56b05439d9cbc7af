import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Min } from 'class-validator';

import { DEFAULT_PROFILE_SECONDS } from '../profile.constants.js';

/** `?seconds=`: the upper bound is configuration (MONITORING_PROFILE_MAX_SECONDS), checked by the service. */
export class ProfileQueryDto {
  @ApiPropertyOptional({ minimum: 1, default: DEFAULT_PROFILE_SECONDS, description: 'How long to sample, at most MONITORING_PROFILE_MAX_SECONDS.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  seconds?: number;
}
