import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export const MAX_CHECK_WINDOW_MS = 31 * 24 * 60 * 60 * 1000;

export class CheckRateLimitDto {
  @ApiProperty({ description: 'Your bucket: e.g. a user, tenant or operation id. Kept apart from the HTTP limiter.', maxLength: 200 })
  @IsString()
  @MaxLength(200)
  @Matches(/^[\x21-\x7e]+$/, { message: 'key must be printable ASCII without spaces' })
  key!: string;

  @ApiProperty({ description: 'Units allowed per window (and as a burst).', minimum: 1, maximum: 1_000_000_000 })
  @IsInt()
  @Min(1)
  @Max(1_000_000_000)
  limit!: number;

  @ApiProperty({ description: 'Window in milliseconds.', minimum: 1, maximum: MAX_CHECK_WINDOW_MS })
  @IsInt()
  @Min(1)
  @Max(MAX_CHECK_WINDOW_MS)
  windowMs!: number;

  @ApiProperty({ description: 'Units this request spends.', minimum: 1, maximum: 1_000_000_000, default: 1, required: false })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000_000)
  cost: number = 1;
}
