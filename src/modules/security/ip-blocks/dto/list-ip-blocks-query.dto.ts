import { PageQueryDto } from '@app/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEnum, IsOptional } from 'class-validator';

import { IpBlockSource } from '../ip-block.js';

const toBoolean = ({ value }: { value: unknown }): unknown => (value === 'true' ? true : value === 'false' ? false : value);

export class ListIpBlocksQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: IpBlockSource })
  @IsOptional()
  @IsEnum(IpBlockSource)
  source?: IpBlockSource;

  @ApiPropertyOptional({ type: Boolean, description: 'true: only blocks in force; false: only expired ones.' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  active?: boolean;
}
