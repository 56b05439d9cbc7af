import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min, ValidateNested } from 'class-validator';

import { ESTIMATE_DTYPES, type EstimateDtype, type Optimizer } from '../memory-estimator.js';

const MAX_PARAMETERS = 1e14;
const MAX_DIM = 1_048_576;

export class DeviceMemoryDto {
  @ApiPropertyOptional({ description: 'Device memory in bytes.', example: 25_769_803_776 })
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  memoryTotalBytes!: number;

  @ApiPropertyOptional({ description: 'Memory already in use, in bytes (free = total − used).', example: 1_073_741_824 })
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  memoryUsedBytes!: number;
}

/** Either `modelId`, or a transformer config (`parameters`, or layers + hiddenSize + heads + vocabSize). */
export class EstimateMemoryDto {
  @ApiPropertyOptional({ description: 'An uploaded model: its parameter count comes from its report.' })
  @IsOptional()
  @IsUUID()
  modelId?: string;

  @ApiPropertyOptional({ description: 'Parameter count, when known (takes precedence over the count from the shape).', example: 6_738_415_616 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PARAMETERS)
  parameters?: number;

  @ApiPropertyOptional({ example: 32 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  layers?: number;

  @ApiPropertyOptional({ example: 4096 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_DIM)
  hiddenSize?: number;

  @ApiPropertyOptional({ example: 32 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(16_384)
  heads?: number;

  @ApiPropertyOptional({ description: 'Key/value heads (grouped-query attention); default heads.', example: 32 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(16_384)
  kvHeads?: number;

  @ApiPropertyOptional({ description: 'Default hiddenSize / heads.', example: 128 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_DIM)
  headDim?: number;

  @ApiPropertyOptional({ example: 32_000 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  vocabSize?: number;

  @ApiPropertyOptional({ description: 'Gated MLP width; default 4 × hiddenSize.', example: 11_008 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_DIM * 8)
  intermediateSize?: number;

  @ApiPropertyOptional({ description: 'Input embedding and output head share weights (default false).' })
  @IsOptional()
  @IsBoolean()
  tiedEmbeddings?: boolean;

  @ApiPropertyOptional({ enum: ESTIMATE_DTYPES, description: 'Required with a config; default fp32 for a model.' })
  @IsOptional()
  @IsIn(ESTIMATE_DTYPES)
  dtype?: EstimateDtype;

  @ApiPropertyOptional({ description: 'Default 1.', example: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(65_536)
  batch?: number;

  @ApiPropertyOptional({ description: 'Tokens per sequence (KV cache); required with a layer config.', example: 2048 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(16_777_216)
  seqLen?: number;

  @ApiPropertyOptional({ description: 'Estimate training (model states) instead of inference.' })
  @IsOptional()
  @IsBoolean()
  training?: boolean;

  @ApiPropertyOptional({ enum: ['adam', 'sgd'], description: 'Default adam.' })
  @IsOptional()
  @IsIn(['adam', 'sgd'])
  optimizer?: Optimizer;

  @ApiPropertyOptional({ description: "A known device: its id from /v1/gpu/devices or its GPU uuid (GPU-…). Does the estimate fit its latest free memory?" })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  deviceId?: string;

  @ApiPropertyOptional({ type: DeviceMemoryDto, description: 'Or describe the device directly.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => DeviceMemoryDto)
  device?: DeviceMemoryDto;
}
