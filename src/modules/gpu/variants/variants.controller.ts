import { PageQueryDto, type Page } from '@app/common';
import { Body, Controller, Get, HttpStatus, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';

import { CurrentPrincipal, principalKey, RequireScopes, Scope, type Principal } from '../../security/index.js';
import { ModelArtifactRepository, toModelView, type ModelView } from '../models/index.js';
import type { PassReport, ValidationReport } from '../passes/index.js';
import { CreateVariantDto } from './dto/create-variant.dto.js';
import { toVariantRequest } from './variant-request.js';
import { VariantsService } from './variants.service.js';

export interface VariantView extends ModelView {
  reports: PassReport[];
  validation: ValidationReport;
}

@ApiTags('gpu')
@ApiBearerAuth()
@Controller({ path: 'models', version: '1' })
export class VariantsController {
  constructor(
    private readonly artifacts: ModelArtifactRepository,
    private readonly variants: VariantsService,
  ) {}

  @Post(':id/variants')
  @RequireScopes(Scope.GPU_WRITE)
  @ApiOperation({
    summary:
      'Derive an optimised variant: `{level}` or `{steps: [{pass, options}]}`, optional `tolerance` and `seed`. 201 with the stored variant, its pass reports and its onnxruntime validation; 422 GPU.NOTHING_TO_OPTIMIZE, GPU.MODEL_REFUSED or GPU.ACCURACY_GATE_FAILED (per-output errors in `outputs`).',
  })
  async create(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CreateVariantDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<VariantView> {
    const { artifact, reports, validation } = await this.variants.create(id, toVariantRequest(body), principalKey(principal) ?? 'anonymous');
    response.status(HttpStatus.CREATED).location(`/v1/models/${artifact.id}`);
    return { ...toModelView(artifact, true), reports, validation };
  }

  @Get(':id/variants')
  @RequireScopes(Scope.GPU_READ)
  @ApiOperation({ summary: 'The variants derived from a model, newest first (`?limit=&cursor=`), without their reports.' })
  async list(@Param('id', ParseUUIDPipe) id: string, @Query() query: PageQueryDto): Promise<Page<ModelView>> {
    await this.variants.assertExists(id);
    const page = await this.artifacts.listChildrenPage(id, query.limit, query.cursor);
    return { items: page.items.map((artifact) => toModelView(artifact, false)), nextCursor: page.nextCursor };
  }
}
