import { PageQueryDto } from '@app/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';

import { RULE_IDS, type RuleId } from '../../rules/rule.types.js';
import { RECOMMENDATION_STATUSES, type RecommendationStatus } from '../../store/recommendation.entity.js';

export class ListRecommendationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: RECOMMENDATION_STATUSES })
  @IsOptional()
  @IsIn(RECOMMENDATION_STATUSES)
  status?: RecommendationStatus;

  @ApiPropertyOptional({ description: 'The device id as GET /v1/gpu/devices lists it.' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._:-]{1,100}$/, { message: 'deviceId is a device id' })
  deviceId?: string;

  @ApiPropertyOptional({ enum: RULE_IDS })
  @IsOptional()
  @IsIn(RULE_IDS)
  rule?: RuleId;
}
