import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, Length, MaxLength } from 'class-validator';

/** Exactly one of `urls`, `tags` or `prefix`. */
export class PurgeCdnDto {
  @ApiPropertyOptional({ type: String, isArray: true, maxItems: 1_000, description: 'Asset URLs: absolute, or paths starting with /cdn/.', example: ['/cdn/3f2a9c0d1e2b4a5f/app.js'] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1_000)
  @IsString({ each: true })
  @MaxLength(2_048, { each: true })
  urls?: string[];

  @ApiPropertyOptional({ type: String, isArray: true, maxItems: 16, description: 'Tags given to assets on upload.', example: ['release-42'] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(16)
  @IsString({ each: true })
  tags?: string[];

  @ApiPropertyOptional({ description: 'A path prefix under /cdn/.', example: '/cdn/latest/' })
  @IsOptional()
  @IsString()
  @Length(5, 300)
  prefix?: string;
}
