import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class ScalingQueryDto {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: 10_000,
    description: 'Replicas running now (e.g. from the Deployment), when MONITORING_REPLICAS does not know; the formula multiplies by it.',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000)
  replicas?: number;
}
