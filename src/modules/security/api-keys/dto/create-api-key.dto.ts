import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsDate, IsEnum, IsOptional, IsString, Length, MinDate } from 'class-validator';

import { Scope, Tier } from '../../security.constants.js';

export class CreateApiKeyDto {
  @ApiProperty({ example: 'billing-service' })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({ example: 'team-payments', description: 'Who answers for this key.' })
  @IsString()
  @Length(1, 200)
  owner!: string;

  @ApiPropertyOptional({ enum: Tier, default: Tier.FREE })
  @IsOptional()
  @IsEnum(Tier)
  tier: Tier = Tier.FREE;

  @ApiProperty({ enum: Scope, isArray: true })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(32)
  @IsEnum(Scope, { each: true })
  scopes!: Scope[];

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  @MinDate(() => new Date(), { message: 'expiresAt must be in the future' })
  expiresAt?: Date;
}
