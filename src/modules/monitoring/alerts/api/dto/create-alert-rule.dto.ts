import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';

import { WINDOW_NAMES, type WindowName } from '../../../signals/request-stats.js';
import { AGGREGATIONS, SIGNALS, type Aggregation, type Signal } from '../../../signals/signal.types.js';
import { COMPARATORS, SEVERITIES, type Comparator, type Severity } from '../../entities/alert-rule.entity.js';
import { IsLabelMap } from './is-label-map.validator.js';

const DAY_MS = 86_400_000;

export class CreateAlertRuleDto {
  @ApiProperty({ example: 'HighErrorRate', description: 'Unique; becomes the alert label `alertname`.' })
  @Matches(/^[A-Za-z0-9_.:-]{1,128}$/, { message: 'name is 1-128 letters, digits, _ . : -' })
  name!: string;

  @ApiProperty({ enum: SIGNALS })
  @IsIn(SIGNALS)
  signal!: Signal;

  @ApiPropertyOptional({ enum: AGGREGATIONS, description: "Default: the signal's first supported aggregation." })
  @IsOptional()
  @IsIn(AGGREGATIONS)
  aggregation?: Aggregation;

  @ApiPropertyOptional({ enum: WINDOW_NAMES, default: '5m' })
  @IsOptional()
  @IsIn(WINDOW_NAMES)
  window?: WindowName;

  @ApiPropertyOptional({ example: '/v1/assets/:id', description: '`http.*` only: one route template.' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  route?: string;

  @ApiPropertyOptional({ example: 'GET' })
  @IsOptional()
  @Matches(/^[A-Za-z]{3,7}$/, { message: 'method is an HTTP method' })
  method?: string;

  @ApiPropertyOptional({ example: 'bulwark_process_resident_memory_bytes', description: '`metric` only: a metric of /metrics.' })
  @IsOptional()
  @Matches(/^[a-zA-Z_:][a-zA-Z0-9_:]{0,199}$/, { message: 'metric is a Prometheus metric name' })
  metric?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' } })
  @IsOptional()
  @IsLabelMap()
  metricLabels?: Record<string, string>;

  @ApiProperty({ enum: COMPARATORS })
  @IsIn(COMPARATORS)
  comparator!: Comparator;

  @ApiProperty({ example: 0.05 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  threshold!: number;

  @ApiPropertyOptional({ default: 0, description: 'Milliseconds the condition must hold before the alert fires.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(DAY_MS)
  forMs?: number;

  @ApiPropertyOptional({ enum: SEVERITIES, default: 'warning' })
  @IsOptional()
  @IsIn(SEVERITIES)
  severity?: Severity;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' } })
  @IsOptional()
  @IsLabelMap()
  labels?: Record<string, string>;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, example: { summary: 'Error rate {{ $value }} on {{ $labels.alertname }}' } })
  @IsOptional()
  @IsLabelMap()
  annotations?: Record<string, string>;

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @ArrayMaxSize(16)
  @IsUUID('all', { each: true })
  channelIds?: string[];

  @ApiPropertyOptional({ nullable: true, description: 'Milliseconds; default MONITORING_ALERT_REPEAT_INTERVAL_MS.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1_000)
  @Max(7 * DAY_MS)
  repeatIntervalMs?: number;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}
