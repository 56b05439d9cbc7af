import { PageQueryDto } from '@app/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

export class ListAssetsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only uploads of this (sanitised) name, newest first.' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,128}$/, { message: 'name is a sanitised asset name' })
  name?: string;
}
