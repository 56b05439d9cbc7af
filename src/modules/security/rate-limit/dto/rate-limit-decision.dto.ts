import { ApiProperty } from '@nestjs/swagger';

export class RateLimitDecisionDto {
  @ApiProperty({ description: 'Whether the cost was spent and the request may go ahead.' })
  allowed!: boolean;

  @ApiProperty({ description: 'Units of cost 1 that would still pass now.' })
  remaining!: number;

  @ApiProperty({ description: 'Milliseconds until the whole limit is available again.' })
  resetMs!: number;

  @ApiProperty({ description: 'Milliseconds until this request would pass (0 when allowed).' })
  retryAfterMs!: number;
}
