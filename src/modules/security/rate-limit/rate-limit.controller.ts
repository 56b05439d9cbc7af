import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { RequireScopes } from '../auth/auth.decorators.js';
import { Scope } from '../security.constants.js';
import { CheckRateLimitDto } from './dto/check-rate-limit.dto.js';
import { RateLimitDecisionDto } from './dto/rate-limit-decision.dto.js';
import { RateLimitService } from './rate-limit.service.js';

@ApiTags('rate-limits')
@Controller({ path: 'rate-limits', version: '1' })
export class RateLimitController {
  constructor(private readonly rateLimits: RateLimitService) {}

  @Post('check')
  @HttpCode(HttpStatus.OK)
  @RequireScopes(Scope.RATE_LIMIT_CHECK)
  @ApiOperation({ summary: 'Spend `cost` from bucket `key` (GCRA, shared across instances); a denial is 200 with allowed=false.' })
  @ApiOkResponse({ type: RateLimitDecisionDto })
  check(@Body() body: CheckRateLimitDto): Promise<RateLimitDecisionDto> {
    return this.rateLimits.check(body);
  }
}
