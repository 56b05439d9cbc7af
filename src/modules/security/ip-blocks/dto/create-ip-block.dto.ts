import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class CreateIpBlockDto {
  @ApiProperty({ example: '203.0.113.0/24', description: 'IPv4 or IPv6 CIDR; a bare address means /32 or /128. Stored as its network address.' })
  @IsString()
  @MaxLength(256)
  cidr!: string;

  @ApiProperty({ example: 'Credential stuffing from this range', maxLength: 500 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'When the block lapses (UTC ISO-8601, in the future); omitted: never.' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  expiresAt?: string;
}
