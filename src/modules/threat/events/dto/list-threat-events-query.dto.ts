import { PageQueryDto } from '@app/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsIP, IsOptional } from 'class-validator';

export class ListThreatEventsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: '203.0.113.9' })
  @IsOptional()
  @IsIP()
  ip?: string;

  @ApiPropertyOptional({ enum: ['sqli', 'xss', 'cmdi', 'traversal', 'other'] })
  @IsOptional()
  @IsIn(['sqli', 'xss', 'cmdi', 'traversal', 'other'])
  class?: string;

  @ApiPropertyOptional({ enum: ['blocked', 'detected'] })
  @IsOptional()
  @IsIn(['blocked', 'detected'])
  action?: string;
}
