import { Controller, HttpCode, HttpStatus, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';

import { Role, Roles } from '../../security/index.js';
import type { CpuProfile } from './cpu-profiler.js';
import { ProfileQueryDto } from './dto/profile-query.dto.js';
import { ProfileService } from './profile.service.js';

/** ISO 8601 basic format (20261123T020500Z): no colons, so the name is a valid file name everywhere. */
function fileStamp(at: Date): string {
  return at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

@ApiTags('monitoring')
@ApiBearerAuth()
@Roles(Role.ADMIN)
@Controller({ path: 'monitoring/profile', version: '1' })
export class ProfileController {
  constructor(private readonly profiles: ProfileService) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Sample this instance\'s CPU for `seconds` and download a .cpuprofile (Chrome DevTools, speedscope). One at a time: 409 MONITORING.PROFILE_IN_PROGRESS.',
  })
  @ApiProduces('application/json')
  @ApiOkResponse({ description: 'A V8 CPU profile: nodes, startTime, endTime, samples, timeDeltas.' })
  async capture(@Query() query: ProfileQueryDto, @Res({ passthrough: true }) response: Response): Promise<CpuProfile> {
    const startedAt = new Date();
    const callerLeft = new AbortController();
    // 'close' before the response is written means the client hung up: stop sampling for nobody and free the slot.
    const onClose = (): void => {
      if (!response.writableEnded) {
        callerLeft.abort();
      }
    };
    response.once('close', onClose);
    try {
      const profile = await this.profiles.capture(query.seconds, callerLeft.signal);
      response.setHeader('Content-Disposition', `attachment; filename="bulwark-${fileStamp(startedAt)}.cpuprofile"`);
      response.type('application/json');
      return profile;
    } finally {
      response.off('close', onClose);
    }
  }
}
