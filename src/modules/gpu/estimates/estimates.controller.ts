import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';

import { RequireScopes, Scope } from '../../security/index.js';
import { EstimateMemoryDto } from './dto/estimate-memory.dto.js';
import { parseEstimateRequest } from './estimate-request.js';
import { MemoryEstimateService, type MemoryEstimateView } from './memory-estimate.service.js';

@ApiTags('gpu')
@ApiBearerAuth()
@Controller({ path: 'gpu/estimates', version: '1' })
export class EstimatesController {
  constructor(private readonly estimates: MemoryEstimateService) {}

  @Post('memory')
  @HttpCode(HttpStatus.OK)
  @RequireScopes(Scope.GPU_READ)
  @ApiBody({ type: EstimateMemoryDto })
  @ApiOperation({
    summary:
      'Memory for a model (`modelId`) or a transformer config: weights per dtype, inference (×1.2), training with Adam/SGD, KV cache, total, and whether it fits a device (`deviceId` or `device`). Invalid input: 400 GPU.INVALID_ESTIMATE with errors[].',
  })
  // The body is typed `object` so the global pipe leaves it alone: it is checked here, answering GPU.INVALID_ESTIMATE.
  async memory(@Body() body: object): Promise<MemoryEstimateView> {
    return this.estimates.estimate(await parseEstimateRequest(body));
  }
}
