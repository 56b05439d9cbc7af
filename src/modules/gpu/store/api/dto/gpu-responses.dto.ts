import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Response shapes for the OpenAPI document; the service returns the same plain values (gpu-views.ts). */
export class GpuSampleResponseDto {
  @ApiProperty({ format: 'date-time' }) sampledAt!: string;
  @ApiPropertyOptional({ type: Number, nullable: true }) utilizationRatio!: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) memoryUtilizationRatio!: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) memoryUsedBytes!: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) memoryTotalBytes!: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) powerWatts!: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) temperatureCelsius!: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) smClockMhz!: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) memoryClockMhz!: number | null;
  @ApiProperty({ type: [String] }) throttleReasons!: string[];
}

export class GpuDeviceResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() uuid!: string;
  @ApiProperty() host!: string;
  @ApiProperty({ description: '-1 while only samples (no device entry) named the device.' }) index!: number;
  @ApiProperty() name!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) pciBusId!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) driverVersion!: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) memoryTotalBytes!: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) powerLimitWatts!: number | null;
  @ApiProperty() migEnabled!: boolean;
  @ApiPropertyOptional({ type: String, nullable: true }) parentUuid!: string | null;
  @ApiProperty({ format: 'date-time' }) firstSeen!: string;
  @ApiProperty({ format: 'date-time' }) lastSeen!: string;
  @ApiPropertyOptional({ type: GpuSampleResponseDto, nullable: true }) latestSample!: GpuSampleResponseDto | null;
}

export class GpuDevicePageDto {
  @ApiProperty({ type: [GpuDeviceResponseDto] }) items!: GpuDeviceResponseDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class GpuMetricPointDto {
  @ApiProperty({ format: 'date-time', description: 'Start of the bucket.' }) at!: string;
  @ApiProperty() samples!: number;
  @ApiProperty({ description: '{min, avg, max, p95} (0–1); p95 over rollups is the highest minute p95 of the bucket.' })
  utilization!: Record<string, number | null>;
  @ApiProperty({ description: '{avg, max}: memory used / total (0–1).' }) memoryUsedRatio!: Record<string, number | null>;
  @ApiProperty({ description: '{avg, max}' }) powerWatts!: Record<string, number | null>;
  @ApiProperty({ description: '{max}' }) temperatureCelsius!: Record<string, number | null>;
}

export class GpuMetricsResponseDto {
  @ApiProperty({ format: 'uuid' }) deviceId!: string;
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
  @ApiProperty() step!: number;
  @ApiProperty({ enum: ['rollup', 'raw'] }) source!: 'rollup' | 'raw';
  @ApiProperty({ type: [GpuMetricPointDto] }) points!: GpuMetricPointDto[];
}

export class GpuProcessResponseDto {
  @ApiProperty() pid!: number;
  @ApiProperty() processName!: string;
  @ApiPropertyOptional({ type: Number, nullable: true }) usedMemoryBytes!: number | null;
  @ApiProperty({ format: 'date-time' }) seenAt!: string;
}

export class GpuEventResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) deviceId!: string;
  @ApiProperty() uuid!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ enum: ['throttle', 'xid'] }) kind!: 'throttle' | 'xid';
  @ApiProperty({ description: 'Throttle reason name, or the Xid code.' }) code!: string;
  @ApiProperty() detail!: string;
}

export class GpuEventPageDto {
  @ApiProperty({ type: [GpuEventResponseDto] }) items!: GpuEventResponseDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
