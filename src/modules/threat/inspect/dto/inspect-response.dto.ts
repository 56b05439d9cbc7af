import { ApiProperty } from '@nestjs/swagger';

import type { ThreatAssessment } from '../../threat-engine.service.js';

export class InspectMatchDto {
  @ApiProperty({ example: 'sqli-003' })
  ruleId!: string;

  @ApiProperty({ enum: ['sqli', 'xss', 'cmdi', 'traversal', 'other'] })
  class!: string;

  @ApiProperty({ example: 'sqli', description: 'Finer label: nosqli, ssti, crlf, ssrf… for `other`.' })
  kind!: string;

  @ApiProperty({ enum: ['critical', 'error', 'warning', 'notice'] })
  severity!: string;

  @ApiProperty({ example: 'query.q' })
  location!: string;

  @ApiProperty({ maxLength: 64, description: 'What matched, cut to 64 characters.' })
  fragment!: string;
}

export class InspectResponseDto {
  @ApiProperty({ description: 'Anomaly score: the sum of the severities of distinct matches.' })
  score!: number;

  @ApiProperty({ enum: ['malicious', 'clean'] })
  verdict!: string;

  @ApiProperty({ description: 'Score at which the verdict turns malicious (THREAT_THRESHOLD).' })
  threshold!: number;

  @ApiProperty({ minimum: 1, maximum: 4 })
  paranoia!: number;

  @ApiProperty({ type: InspectMatchDto, isArray: true })
  matches!: InspectMatchDto[];

  @ApiProperty({ type: String, isArray: true, description: '`<cap>:<location>` for each inspection cap the input ran into.' })
  capsExceeded!: string[];

  static from(assessment: ThreatAssessment): InspectResponseDto {
    return {
      score: assessment.score,
      verdict: assessment.verdict,
      threshold: assessment.threshold,
      paranoia: assessment.paranoia,
      matches: assessment.matches.map(({ ruleId, class: threatClass, kind, severity, location, fragment }) => ({ ruleId, class: threatClass, kind, severity, location, fragment })),
      capsExceeded: assessment.capsExceeded,
    };
  }
}
