import { ApiProperty } from '@nestjs/swagger';

import { PLAINTEXT_ENCODINGS, type PlaintextEncoding } from '../plaintext-encoding.util.js';

export class DecryptResponseDto {
  @ApiProperty({ description: 'The plaintext: as text when it is valid UTF-8, else as standard base64.' })
  plaintext!: string;

  @ApiProperty({ enum: PLAINTEXT_ENCODINGS })
  encoding!: PlaintextEncoding;
}
