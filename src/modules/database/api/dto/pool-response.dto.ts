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

  @ApiProperty({ description: 'The read replicas\' pools (DATABASE_REPLICA_URLS), in order.', type: 'array', items: { type: 'object', properties: { total: { type: 'number' }, idle: { type: 'number' }, active: { type: 'number' }, waiting: { type: 'number' }, max: { type: 'number' } } } })
  replicas!: { total: number; idle: number; active: number; waiting: number; max: number }[];

  @ApiProperty({ description: 'DATABASE_SLOW_QUERY_MS.' })
  slowQueryThresholdMs!: number;
}
