import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, Length, Matches } from 'class-validator';

/** Exactly one of `keys`, `tags` or `pattern`. */
export class InvalidateCacheDto {
  @ApiPropertyOptional({ type: String, isArray: true, maxItems: 1_000, description: 'Full keys, `<namespace>:<key>`.', example: ['users:user:42'] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1_000)
  @IsString({ each: true })
  @Matches(/^[A-Za-z0-9_.-]{1,64}:.+$/s, { each: true, message: 'each key must be <namespace>:<key>' })
  keys?: string[];

  @ApiPropertyOptional({ type: String, isArray: true, maxItems: 100, example: ['team:7'] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  tags?: string[];

  @ApiPropertyOptional({ description: 'Glob over `<namespace>:<key>`: `*`, `?`, `\\` escapes (SCAN + UNLINK in Redis).', example: 'users:user:*' })
  @IsOptional()
  @IsString()
  @Length(1, 600)
  pattern?: string;
}

export class InvalidateCacheResultDto {
  @ApiPropertyOptional({ description: 'Entries deleted (L2 keys when Redis is configured, else L1 entries).' })
  deleted!: number;
}
