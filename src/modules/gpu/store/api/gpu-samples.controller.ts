import { ThreatPolicy } from '@app/common';
import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { RequireScopes, Scope } from '../../../security/index.js';
import { GpuIngestService } from '../gpu-ingest.service.js';
import { IngestGpuSamplesDto, IngestGpuSamplesResultDto } from './dto/ingest-gpu-samples.dto.js';

@ApiTags('gpu')
@Controller({ path: 'gpu/samples', version: '1' })
export class GpuSamplesController {
  constructor(private readonly ingest: GpuIngestService) {}

  @Post()
  // Numbers, uuids and snake_case names, all validated: nothing an injection detector could find, only cost to scan.
  @ThreatPolicy('off')
  @HttpCode(HttpStatus.ACCEPTED)
  @RequireScopes(Scope.GPU_INGEST)
  @ApiOperation({ summary: 'Stores up to 5,000 samples (and their devices) before answering; idempotent per (uuid, sampledAt).' })
  @ApiAcceptedResponse({ type: IngestGpuSamplesResultDto })
  push(@Body() body: IngestGpuSamplesDto): Promise<IngestGpuSamplesResultDto> {
    return this.ingest.ingest(body.devices ?? [], body.samples);
  }
}
