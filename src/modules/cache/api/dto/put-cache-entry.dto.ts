import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Allow, ArrayMaxSize, IsArray, IsDefined, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

import { MAX_DURATION_MS } from '../../core/cache-options.js';
import { MAX_TAGS } from '../../core/cache-key.util.js';

export class PutCacheEntryDto {
  @ApiProperty({ description: 'Any JSON value except null-less absence; its encoded size is limited by CACHE_MAX_VALUE_BYTES.', example: { name: 'Mary' } })
  @IsDefined()
  @Allow()
  value!: unknown;

  @ApiPropertyOptional({ description: 'Milliseconds served fresh (default CACHE_DEFAULT_TTL_MS).', minimum: 1, maximum: MAX_DURATION_MS })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_DURATION_MS)
  ttlMs?: number;

  @ApiPropertyOptional({ description: 'Milliseconds kept after that for grace.', minimum: 0, maximum: MAX_DURATION_MS })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_DURATION_MS)
  graceMs?: number;

  @ApiPropertyOptional({ type: String, isArray: true, maxItems: MAX_TAGS })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_TAGS)
  @IsString({ each: true })
  tags?: string[];
}
