import { PageQueryDto } from '@app/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';

export class TuningRunsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: "Only this model's runs." })
  @IsOptional()
  @IsUUID()
  modelId?: string;
}
