import { ApiProperty } from '@nestjs/swagger';

export class PoolResponseDto {
  @ApiProperty({ description: 'Connections open (idle + active).' })
  total!: number;

  @ApiProperty()
  idle!: number;

  @ApiProperty()
  active!: number;

  @ApiProperty({ description: 'Callers waiting for a connection.' })
  waiting!: number;

  @ApiProperty({ description: 'DATABASE_POOL_MAX.' })
  max!: number;

  @ApiProperty({ description: 'DATABASE_ACQUIRE_TIMEOUT_MS: how long a caller waits before 503.' })
  acquireTimeoutMs!: number;

  @ApiProperty({ description: 'DATABASE_SLOW_QUERY_MS.' })
  slowQueryThresholdMs!: number;
}
