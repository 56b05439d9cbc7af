import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { RequireScopes } from '../security/index.js';

import { SystemInfoDto } from './dto/system-info.dto.js';
import { SystemInfoService } from './system-info.service.js';

@ApiTags('system')
@ApiBearerAuth()
@RequireScopes()
@Controller({ path: 'system', version: '1' })
export class SystemController {
  constructor(private readonly systemInfo: SystemInfoService) {}

  @Get('info')
  @ApiOperation({ summary: 'Version, uptime, Node version, database mode and Redis state of this instance.' })
  @ApiOkResponse({ type: SystemInfoDto })
  info(): SystemInfoDto {
    return this.systemInfo.info();
  }
}
