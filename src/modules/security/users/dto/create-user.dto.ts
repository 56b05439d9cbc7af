import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';

import { Role, Tier } from '../../security.constants.js';
import { PASSWORD_MAX_LENGTH } from '../password-policy.js';

export class CreateUserDto {
  @ApiProperty({ example: 'ada@example.com', description: 'Unique, case-insensitively; stored in lower case.' })
  @IsEmail()
  @MaxLength(320)
  email!: string;

  @ApiProperty({ minLength: 8, maxLength: PASSWORD_MAX_LENGTH, description: 'Taken as given (no trimming); common passwords are refused.' })
  @IsString()
  // Bytes are bounded by the body limit; the policy counts characters and answers SECURITY.WEAK_PASSWORD.
  @MaxLength(PASSWORD_MAX_LENGTH * 4)
  password!: string;

  @ApiProperty({ enum: Role })
  @IsEnum(Role)
  role!: Role;

  @ApiPropertyOptional({ enum: Tier, default: Tier.FREE })
  @IsOptional()
  @IsEnum(Tier)
  tier: Tier = Tier.FREE;
}
