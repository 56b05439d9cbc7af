import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';

export class CacheEntryParamsDto {
  @ApiProperty({ example: 'users', pattern: '^[A-Za-z0-9_.-]{1,64}$' })
  @Matches(/^[A-Za-z0-9_.-]{1,64}$/, { message: 'namespace must be 1-64 letters, digits, "_", "." or "-"' })
  namespace!: string;

  @ApiProperty({ example: 'user:42', maxLength: 512, description: 'URL-encoded; no control characters.' })
  @IsString()
  @Length(1, 512)
  key!: string;
}
