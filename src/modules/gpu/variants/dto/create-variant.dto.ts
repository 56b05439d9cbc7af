import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEnum, IsInt, IsNumber, IsObject, IsOptional, IsPositive, Max, Min, ValidateNested } from 'class-validator';

import { OptimizationLevel, PassName } from '../../passes/index.js';

export const MAX_STEPS = 6;

export class PassStepDto {
  @ApiProperty({ enum: PassName })
  @IsEnum(PassName)
  pass!: PassName;

  @ApiPropertyOptional({
    description: 'Per pass: dynamic-int8 `{perChannel?: boolean}`, int4-blocked `{blockSize?: 16|32|64|128}`, prune-* `{sparsity: 0 < s < 0.95}`, the others none.',
    type: 'object',
    additionalProperties: true,
  })
  @IsOptional()
  @IsObject()
  options?: Record<string, unknown>;
}

export class CreateVariantDto {
  @ApiPropertyOptional({ enum: OptimizationLevel, description: 'A preset of steps; give either level or steps.' })
  @IsOptional()
  @IsEnum(OptimizationLevel)
  level?: OptimizationLevel;

  @ApiPropertyOptional({ type: [PassStepDto], description: `1 to ${MAX_STEPS} passes, applied in order.` })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_STEPS)
  @ValidateNested({ each: true })
  @Type(() => PassStepDto)
  steps?: PassStepDto[];

  @ApiPropertyOptional({ description: "Largest accepted relative error on any output (0 < t <= 1). Default: the level's gate, or the loosest gate of the steps." })
  @IsOptional()
  @IsNumber({ allowInfinity: false, allowNaN: false })
  @IsPositive()
  @Max(1)
  tolerance?: number;

  @ApiPropertyOptional({ description: 'Seed of the validation inputs (default 42).' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2 ** 32 - 1)
  seed?: number;
}
