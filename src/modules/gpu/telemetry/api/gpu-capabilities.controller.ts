import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';

import { RequireScopes, Scope } from '../../../security/index.js';
import { GpuCapabilitiesService, type GpuCapabilities } from './gpu-capabilities.service.js';

@ApiTags('gpu')
@ApiBearerAuth()
@Controller({ path: 'gpu/capabilities', version: '1' })
export class GpuCapabilitiesController {
  constructor(private readonly capabilities: GpuCapabilitiesService) {}

  @Get()
  @RequireScopes(Scope.GPU_READ)
  @ApiOperation({
    summary:
      'Each telemetry source (nvidia-smi, dcgm-exporter, push ingest) probed now: available or why not, with driver version and device count; the configured GPU_COLLECTOR and the source that polls.',
  })
  get(): Promise<GpuCapabilities> {
    return this.capabilities.capabilities();
  }
}
