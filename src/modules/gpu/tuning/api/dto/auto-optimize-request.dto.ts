import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMinSize, ArrayUnique, IsArray, IsIn, IsNumber, IsOptional, Max, Min } from 'class-validator';

import { TUNING_OBJECTIVES, type TuningObjective } from '../../plan/tuning-request.js';
import { BenchmarkRequestDto } from './benchmark-request.dto.js';

/** A benchmark, then the best candidate per objective among those within the accuracy budget, stored as variants. */
export class AutoOptimizeRequestDto extends BenchmarkRequestDto {
  @ApiPropertyOptional({ description: 'What to pick for: lowest p95 at the smallest batch, highest throughput, smallest model.', enum: TUNING_OBJECTIVES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(TUNING_OBJECTIVES, { each: true })
  objectives?: TuningObjective[];

  @ApiPropertyOptional({ description: 'Largest acceptable max-abs-error / max-|reference| on any output against the original.', example: 0.05 })
  @IsOptional()
  @IsNumber({ allowInfinity: false, allowNaN: false })
  @Min(0)
  @Max(1)
  accuracyBudget?: number;
}
