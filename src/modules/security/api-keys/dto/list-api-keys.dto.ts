import { ApiProperty } from '@nestjs/swagger';

import { ApiKeyResponseDto } from './api-key-response.dto.js';

export class ApiKeyPageDto {
  @ApiProperty({ type: ApiKeyResponseDto, isArray: true })
  items!: ApiKeyResponseDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
