import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

import { MAX_TOKEN_LENGTH, MAX_TTL_SECONDS } from '../crypto.constants.js';

export class DecryptRequestDto {
  @ApiProperty({ description: 'Fernet token made under any of the configured keys.', maxLength: MAX_TOKEN_LENGTH })
  @IsString()
  @MaxLength(MAX_TOKEN_LENGTH)
  token!: string;

  @ApiProperty({ description: 'Refuse tokens made more than this many seconds ago.', minimum: 1, maximum: MAX_TTL_SECONDS, required: false })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_TTL_SECONDS)
  ttlSeconds?: number;
}
