import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Validate } from 'class-validator';

import { MAX_PLAINTEXT_BYTES } from '../crypto.constants.js';
import { PLAINTEXT_ENCODINGS, type PlaintextEncoding } from '../plaintext-encoding.util.js';
import { PlaintextMatchesEncoding } from './plaintext-matches-encoding.validator.js';

export class EncryptRequestDto {
  @ApiProperty({
    description: `Text to encrypt, or padded standard base64 of bytes when \`encoding\` is \`base64\`; at most ${MAX_PLAINTEXT_BYTES} bytes once decoded.`,
    example: 'smtp-password',
  })
  @IsString()
  @Validate(PlaintextMatchesEncoding)
  plaintext!: string;

  @ApiProperty({ enum: PLAINTEXT_ENCODINGS, default: 'utf8', required: false })
  @IsOptional()
  @IsIn(PLAINTEXT_ENCODINGS)
  encoding?: PlaintextEncoding;
}
