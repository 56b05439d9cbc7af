import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, Equals, IsBoolean, IsISO8601, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';

export class SilenceMatcherDto {
  @ApiProperty({ example: 'alertname' })
  @Matches(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, { message: 'name is a label name' })
  name!: string;

  @ApiProperty({ example: 'HighErrorRate' })
  @IsString()
  @MaxLength(1024)
  value!: string;

  @ApiPropertyOptional({ default: false, description: 'Regex matchers are not supported (no RE2 here): only false.' })
  @IsOptional()
  @Equals(false, { message: 'regex matchers are not supported; use equality or inequality' })
  isRegex?: boolean;

  @ApiPropertyOptional({ default: true, description: 'false: the label must differ from value.' })
  @IsOptional()
  @IsBoolean()
  isEqual?: boolean;
}

export class CreateSilenceDto {
  @ApiProperty({ type: [SilenceMatcherDto] })
  @ArrayMinSize(1)
  @ArrayMaxSize(16)
  @ValidateNested({ each: true })
  @Type(() => SilenceMatcherDto)
  matchers!: SilenceMatcherDto[];

  @ApiPropertyOptional({ description: 'ISO-8601; default now.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  startsAt?: string;

  @ApiProperty({ description: 'ISO-8601, after startsAt and in the future.' })
  @IsISO8601({ strict: true })
  endsAt!: string;

  @ApiPropertyOptional({ default: '' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  comment?: string;
}
