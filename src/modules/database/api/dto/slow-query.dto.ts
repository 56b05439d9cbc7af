import { ApiProperty } from '@nestjs/swagger';

export class SlowQueryDto {
  @ApiProperty({ example: '3f2a9c1d0b7e4a55', description: 'SHA-1 prefix of the normalised text.' })
  fingerprint!: string;

  @ApiProperty({ example: 'select * from users where email = ?', description: 'Literals and parameters replaced by `?`.' })
  query!: string;

  @ApiProperty({ example: 'select' })
  operation!: string;

  @ApiProperty()
  calls!: number;

  @ApiProperty()
  totalMs!: number;

  @ApiProperty()
  meanMs!: number;

  @ApiProperty({ description: 'Over the latest 256 slow executions.' })
  p95Ms!: number;

  @ApiProperty()
  maxMs!: number;

  @ApiProperty({ format: 'date-time' })
  firstSeenAt!: string;

  @ApiProperty({ format: 'date-time' })
  lastSeenAt!: string;
}

export class SlowQueryPageDto {
  @ApiProperty({ type: SlowQueryDto, isArray: true })
  items!: SlowQueryDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
