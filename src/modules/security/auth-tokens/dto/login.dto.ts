import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

import { PASSWORD_MAX_LENGTH } from '../../users/password-policy.js';

export class LoginDto {
  // Not @IsEmail: a malformed address must fail like any unknown account, not reveal the check.
  @ApiProperty({ example: 'ada@example.com' })
  @IsString()
  @Length(1, 320)
  email!: string;

  @ApiProperty({ description: 'Exactly as set: no trimming.' })
  @IsString()
  @Length(1, PASSWORD_MAX_LENGTH * 4)
  password!: string;
}
