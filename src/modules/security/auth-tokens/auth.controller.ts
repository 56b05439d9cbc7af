import { Public, requestIdOf, ThreatPolicy } from '@app/common';
import { Body, Controller, HttpCode, HttpStatus, Post, Req } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request } from 'express';

import { clientIpOf } from '../client-ip/index.js';
import { AuthSessionService, type CallContext } from './auth-session.service.js';
import { LoginDto } from './dto/login.dto.js';
import { RefreshTokenDto } from './dto/refresh-token.dto.js';
import { TokenPairDto } from './dto/token-pair.dto.js';

const contextOf = (request: Request): CallContext => ({ ip: clientIpOf(request), requestId: requestIdOf(request) || undefined });

@ApiTags('auth')
@Public()
@Controller({ path: 'auth', version: '1' })
export class AuthController {
  constructor(private readonly sessions: AuthSessionService) {}

  // A password may hold any character an attack would; it is only ever hashed and compared.
  @ThreatPolicy({ exclude: ['body.password'] })
  @Post('login')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Exchange email and password for an access token and a refresh token.' })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiUnauthorizedResponse({ description: 'SECURITY.INVALID_CREDENTIALS, the same for an unknown email and a wrong password.' })
  @ApiTooManyRequestsResponse({ description: 'SECURITY.LOGIN_THROTTLED, with Retry-After.' })
  login(@Body() body: LoginDto, @Req() request: Request): Promise<TokenPairDto> {
    return this.sessions.login(body.email, body.password, contextOf(request));
  }

  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Exchange a refresh token (once) for a new pair. Reusing one revokes the session.' })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiUnauthorizedResponse({ description: 'SECURITY.INVALID_TOKEN, or SECURITY.REFRESH_TOKEN_REUSED.' })
  refresh(@Body() body: RefreshTokenDto, @Req() request: Request): Promise<TokenPairDto> {
    return this.sessions.refresh(body.refreshToken, contextOf(request));
  }

  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Revoke the session the refresh token belongs to.' })
  @ApiNoContentResponse({ description: 'Revoked (or nothing to revoke).' })
  async logout(@Body() body: RefreshTokenDto, @Req() request: Request): Promise<void> {
    await this.sessions.logout(body.refreshToken, contextOf(request));
  }
}
