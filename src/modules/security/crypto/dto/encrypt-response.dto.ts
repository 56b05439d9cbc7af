import { ApiProperty } from '@nestjs/swagger';

export class EncryptResponseDto {
  @ApiProperty({ description: 'Fernet token (padded base64url) under the primary key.', example: 'gAAAAABp…' })
  token!: string;
}
