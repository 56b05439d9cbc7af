import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';

import { CANDIDATES, type CandidateName } from '../../plan/candidates.js';
import { TUNING_LIMITS } from '../../plan/tuning-request.js';
import type { ExecutionProvider, GraphOptimizationLevel } from '../../runner/benchmark-protocol.js';

/** 1 to 8 distinct integers, each within [min, max]. */
function IsDistinctIntegers(min: number, max: number): PropertyDecorator {
  return applyDecorators(IsArray(), ArrayMinSize(1), ArrayMaxSize(8), ArrayUnique(), IsInt({ each: true }), Min(min, { each: true }), Max(max, { each: true }));
}

const PROVIDERS: readonly ExecutionProvider[] = ['cpu', 'cuda'];
const GRAPH_LEVELS: readonly GraphOptimizationLevel[] = ['disabled', 'basic', 'extended', 'all'];

/** A benchmark: every candidate × provider × graph level × thread count, each at every batch size. */
export class BenchmarkRequestDto {
  @ApiPropertyOptional({ description: 'What to measure; the original (fp32) is always measured as the reference.', enum: CANDIDATES, isArray: true, example: ['basic', 'advanced', 'ultra'] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(CANDIDATES.length)
  @ArrayUnique()
  @IsIn(CANDIDATES, { each: true })
  candidates?: CandidateName[];

  @ApiPropertyOptional({ description: 'Execution providers; one that cannot open a session here is skipped with the reason.', enum: PROVIDERS, isArray: true, example: ['cpu', 'cuda'] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(PROVIDERS, { each: true })
  providers?: ExecutionProvider[];

  @ApiPropertyOptional({ description: 'onnxruntime graph optimisation levels.', enum: GRAPH_LEVELS, isArray: true, example: ['all'] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(GRAPH_LEVELS, { each: true })
  graphOptimizationLevels?: GraphOptimizationLevel[];

  @ApiPropertyOptional({ description: 'Intra-op thread counts.', example: [1, 2] })
  @IsOptional()
  @IsDistinctIntegers(1, 256)
  threads?: number[];

  @ApiPropertyOptional({ description: `Batch sizes (1–${TUNING_LIMITS.maxBatchSize}), given to every symbolic input dimension.`, example: [1, 32] })
  @IsOptional()
  @IsDistinctIntegers(1, TUNING_LIMITS.maxBatchSize)
  batchSizes?: number[];

  @ApiPropertyOptional({ description: `Measured runs per batch size (at most ${TUNING_LIMITS.maxMillisPerBatch} ms of them).`, example: 50 })
  @IsOptional()
  @IsInt()
  @Min(TUNING_LIMITS.minRuns)
  @Max(TUNING_LIMITS.maxRuns)
  runs?: number;

  @ApiPropertyOptional({ description: 'Seed of the standard-normal inputs.', example: 42 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2 ** 31 - 1)
  seed?: number;
}
