import { ThreatPolicy } from '@app/common';
import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { RequireScopes, Scope } from '../../security/index.js';
import { ThreatEngine } from '../threat-engine.service.js';
import { ThreatException, ThreatExceptionCode } from '../threat.exception.js';

import { InspectRequestDto } from './dto/inspect-request.dto.js';
import { InspectResponseDto } from './dto/inspect-response.dto.js';

@ApiTags('threat')
@ApiBearerAuth()
@Controller({ path: 'threat', version: '1' })
export class ThreatInspectController {
  constructor(private readonly engine: ThreatEngine) {}

  @Post('inspect')
  @HttpCode(HttpStatus.OK)
  // The body is attacker input by design: inspecting it on the way in would refuse the very calls this route serves.
  @ThreatPolicy('off')
  @RequireScopes(Scope.THREAT_INSPECT)
  @ApiOperation({ summary: 'Score values, or the parts of a request, with the threat engine; nothing is recorded or blocked.' })
  @ApiOkResponse({ type: InspectResponseDto })
  inspect(@Body() request: InspectRequestDto): InspectResponseDto {
    const hasParts = request.query !== undefined || request.body !== undefined || request.headers !== undefined;
    if ((request.values === undefined) === !hasParts) {
      throw new ThreatException(ThreatExceptionCode.INVALID_INSPECTION, 'Send either `values` or any of `query`, `body` and `headers`, not both and not neither.');
    }
    const assessment =
      request.values === undefined
        ? this.engine.inspectRequest({ query: request.query, body: request.body, headers: request.headers }, [], request.paranoia)
        : this.engine.inspectValues(request.values.map((value, index) => ({ location: `values[${index}]`, value })), request.paranoia);
    return InspectResponseDto.from(assessment);
  }
}
