import { ApiProperty } from '@nestjs/swagger';

export class CacheEntryResponseDto {
  @ApiProperty({ example: 'users' })
  namespace!: string;

  @ApiProperty({ example: 'user:42' })
  key!: string;

  @ApiProperty({ description: 'The cached value as stored.' })
  value!: unknown;

  @ApiProperty({ description: 'Milliseconds it stays fresh.' })
  ttlMs!: number;
}
