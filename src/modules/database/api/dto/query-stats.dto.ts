import { PageQueryDto } from '@app/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

import type { QueryStatsSort } from '../../observability/query-stats.service.js';

export class ListQueryStatsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['total', 'mean', 'calls'], default: 'total', description: 'Order by total time, mean time or calls.' })
  @IsOptional()
  @IsIn(['total', 'mean', 'calls'])
  sort: QueryStatsSort = 'total';
}

export class QueryStatDto {
  @ApiProperty()
  queryId!: string;

  @ApiProperty({ description: 'Normalised by PostgreSQL: constants are $n.' })
  query!: string;

  @ApiProperty()
  calls!: number;

  @ApiProperty()
  totalMs!: number;

  @ApiProperty()
  meanMs!: number;

  @ApiProperty()
  rows!: number;

  @ApiProperty({ type: Number, nullable: true })
  cacheHitRatio!: number | null;
}

export class QueryStatsPageDto {
  @ApiProperty({ description: 'false when pg_stat_statements is not usable here; then `howToEnable` says what to do.' })
  available!: boolean;

  @ApiProperty({ type: QueryStatDto, isArray: true })
  items!: QueryStatDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;

  @ApiPropertyOptional()
  reason?: string;

  @ApiPropertyOptional({ type: String, isArray: true })
  howToEnable?: string[];
}
