import { PageQueryDto } from '@app/common';
import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { RequireScopes, Scope } from '../../../security/index.js';
import { GpuQueryService } from '../gpu-query.service.js';
import { GpuMetricsQueryDto } from './dto/gpu-query.dto.js';
import { GpuDevicePageDto, GpuDeviceResponseDto, GpuMetricsResponseDto, GpuProcessResponseDto } from './dto/gpu-responses.dto.js';

@ApiTags('gpu')
@Controller({ path: 'gpu/devices', version: '1' })
export class GpuDevicesController {
  constructor(private readonly query: GpuQueryService) {}

  @Get()
  @RequireScopes(Scope.GPU_READ)
  @ApiOperation({ summary: 'Known GPUs with their latest sample, by uuid, with cursor pagination.' })
  @ApiOkResponse({ type: GpuDevicePageDto })
  list(@Query() page: PageQueryDto): Promise<GpuDevicePageDto> {
    return this.query.listDevices(page.limit, page.cursor);
  }

  @Get(':id')
  @RequireScopes(Scope.GPU_READ)
  @ApiOperation({ summary: 'One GPU with its latest sample.' })
  @ApiOkResponse({ type: GpuDeviceResponseDto })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<GpuDeviceResponseDto> {
    return this.query.getDeviceOrThrow(id);
  }

  @Get(':id/metrics')
  @RequireScopes(Scope.GPU_READ)
  @ApiOperation({ summary: 'Utilisation, memory, power and temperature in buckets of `step` seconds over [from, to).' })
  @ApiOkResponse({ type: GpuMetricsResponseDto })
  metrics(@Param('id', ParseUUIDPipe) id: string, @Query() query: GpuMetricsQueryDto): Promise<GpuMetricsResponseDto> {
    return this.query.metrics(id, { from: new Date(query.from), to: new Date(query.to), step: query.step });
  }

  @Get(':id/processes')
  @RequireScopes(Scope.GPU_READ)
  @ApiOperation({ summary: 'Processes holding memory on the GPU at the latest collection, largest first.' })
  @ApiOkResponse({ type: [GpuProcessResponseDto] })
  processes(@Param('id', ParseUUIDPipe) id: string): Promise<GpuProcessResponseDto[]> {
    return this.query.processes(id);
  }
}
