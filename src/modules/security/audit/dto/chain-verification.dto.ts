import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export const CHAIN_BREAKS = ['missing', 'prev-hash-mismatch', 'hash-mismatch'] as const;
export type ChainBreak = (typeof CHAIN_BREAKS)[number];

export class ChainVerificationDto {
  @ApiProperty({ description: 'Every event checked links to the one before and hashes to its stored hash.' })
  valid!: boolean;

  @ApiProperty({ description: 'Events checked (up to and including the first broken one).' })
  checked!: number;

  @ApiProperty({ description: 'The newest sequence when verification started: the end of what was verified.' })
  lastSequence!: number;

  @ApiPropertyOptional({ description: 'Sequence of the first event that is missing, mislinked or altered.' })
  firstBrokenSequence?: number;

  @ApiPropertyOptional({ enum: CHAIN_BREAKS })
  reason?: ChainBreak;
}
