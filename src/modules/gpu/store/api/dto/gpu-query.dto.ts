import { PageQueryDto } from '@app/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsUUID, Max, Min } from 'class-validator';

export const GPU_EVENT_KINDS = ['throttle', 'xid'] as const;

/** `GET /v1/gpu/devices/:id/metrics?from&to&step`. */
export class GpuMetricsQueryDto {
  @ApiProperty({ format: 'date-time' })
  @IsISO8601({ strict: true })
  from!: string;

  @ApiProperty({ format: 'date-time' })
  @IsISO8601({ strict: true })
  to!: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 86_400, default: 60, description: 'Seconds per point; >= 60 reads the 1-minute rollups.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(86_400)
  step: number = 60;
}

/** `GET /v1/gpu/events?deviceId&kind&limit&cursor`. */
export class ListGpuEventsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  deviceId?: string;

  @ApiPropertyOptional({ enum: GPU_EVENT_KINDS })
  @IsOptional()
  @IsIn(GPU_EVENT_KINDS)
  kind?: (typeof GPU_EVENT_KINDS)[number];
}
