import { ApiProperty } from '@nestjs/swagger';

import { InspectMatchDto } from '../../inspect/dto/inspect-response.dto.js';
import type { ThreatEvent } from '../threat-event.js';

export class ThreatEventResponseDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: '203.0.113.9' })
  ip!: string;

  @ApiProperty({ example: 'GET' })
  method!: string;

  @ApiProperty({ example: '/v1/items/:id', description: 'Route template, never the raw path.' })
  route!: string;

  @ApiProperty({ enum: ['blocked', 'detected'] })
  action!: string;

  @ApiProperty({ type: String, isArray: true })
  classes!: string[];

  @ApiProperty({ description: 'Highest anomaly score among the requests folded into this event.' })
  score!: number;

  @ApiProperty({ description: 'Requests folded into this event (same address, route, classes and action within THREAT_EVENT_WINDOW_MS).' })
  count!: number;

  @ApiProperty({ type: InspectMatchDto, isArray: true, description: 'The first request\'s matches (at most 20).' })
  matches!: InspectMatchDto[];

  @ApiProperty({ type: String, nullable: true, example: 'key:6f1c…' })
  principal!: string | null;

  @ApiProperty({ type: String, nullable: true })
  requestId!: string | null;

  @ApiProperty({ format: 'date-time' })
  firstSeenAt!: string;

  @ApiProperty({ format: 'date-time' })
  lastSeenAt!: string;

  static from(event: ThreatEvent): ThreatEventResponseDto {
    return { ...event, firstSeenAt: event.firstSeenAt.toISOString(), lastSeenAt: event.lastSeenAt.toISOString() };
  }
}

export class ThreatEventPageDto {
  @ApiProperty({ type: ThreatEventResponseDto, isArray: true })
  items!: ThreatEventResponseDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
