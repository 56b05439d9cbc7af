import { ThreatPolicy } from '@app/common';
import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { RequireScopes } from '../auth/auth.decorators.js';
import { Scope } from '../security.constants.js';
import { CryptoService } from './crypto.service.js';
import { DecryptRequestDto } from './dto/decrypt-request.dto.js';
import { DecryptResponseDto } from './dto/decrypt-response.dto.js';
import { EncryptRequestDto } from './dto/encrypt-request.dto.js';
import { EncryptResponseDto } from './dto/encrypt-response.dto.js';
import { describePlaintext, plaintextBytes } from './plaintext-encoding.util.js';

@ApiTags('crypto')
@RequireScopes(Scope.CRYPTO_USE)
@Controller({ path: 'crypto', version: '1' })
export class CryptoController {
  constructor(private readonly crypto: CryptoService) {}

  @Post('encrypt')
  // Secrets to seal are opaque data from trusted services (any bytes, as base64 or text), never interpreted here.
  @ThreatPolicy({ exclude: ['body.plaintext'] })
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Encrypt a plaintext into a Fernet token under the primary key.' })
  @ApiOkResponse({ type: EncryptResponseDto })
  @ApiBadRequestResponse({ description: 'COMMON.VALIDATION_FAILED: plaintext missing, invalid in its encoding, or too large.' })
  encrypt(@Body() body: EncryptRequestDto): EncryptResponseDto {
    // PlaintextMatchesEncoding has already checked that it decodes.
    return { token: this.crypto.encrypt(plaintextBytes(body.plaintext, body.encoding ?? 'utf8')!) };
  }

  @Post('decrypt')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Decrypt a Fernet token made under any configured key, optionally refusing tokens older than ttlSeconds.' })
  @ApiOkResponse({ type: DecryptResponseDto })
  @ApiBadRequestResponse({
    description: 'SECURITY.DECRYPTION_FAILED for any bad token (tampered, wrong key, expired, from the future, malformed); COMMON.VALIDATION_FAILED for a bad body.',
  })
  decrypt(@Body() body: DecryptRequestDto): DecryptResponseDto {
    return describePlaintext(this.crypto.decrypt(body.token, { ttlSeconds: body.ttlSeconds }));
  }
}
