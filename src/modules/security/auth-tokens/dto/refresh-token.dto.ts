import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class RefreshTokenDto {
  @ApiProperty({ example: 'bwr_…', description: 'The refresh token of the last login or refresh.' })
  @IsString()
  @Length(1, 256)
  refreshToken!: string;
}
