import { ApiPropertyOptional } from '@nestjs/swagger';
import { Allow, ArrayMaxSize, IsArray, IsInt, IsObject, IsOptional, IsString, Max, Min } from 'class-validator';

/** Either `values` (loose strings) or the parts of a request (`query`, `body`, `headers`), not both. */
export class InspectRequestDto {
  @ApiPropertyOptional({ type: String, isArray: true, maxItems: 512, description: 'Values to inspect on their own; locations read `values[i]`.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(512)
  @IsString({ each: true })
  values?: string[];

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Query parameters as parsed: names and values are inspected.' })
  @IsOptional()
  @IsObject()
  query?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'A JSON or form body (object, array or string): keys and values, recursively.' })
  @IsOptional()
  @Allow()
  body?: unknown;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, description: 'Header values to inspect.' })
  @IsOptional()
  @IsObject()
  headers?: Record<string, unknown>;

  @ApiPropertyOptional({ minimum: 1, maximum: 4, description: 'Paranoia level for this call; defaults to THREAT_PARANOIA.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(4)
  paranoia?: 1 | 2 | 3 | 4;
}
