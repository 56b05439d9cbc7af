import { Accepts, PageQueryDto, type Page } from '@app/common';
import { Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';

import { CurrentPrincipal, principalKey, RequireScopes, Scope, type Principal } from '../../../security/index.js';
import { ModelArtifactRepository } from '../artifacts/model-artifact.repository.js';
import { ModelFileStore } from '../storage/model-file-store.js';
import { ModelUploadService } from '../upload/model-upload.service.js';
import { UploadModelQueryDto } from './dto/upload-model-query.dto.js';
import { toModelView, type ModelView } from './model-view.js';

@ApiTags('gpu')
@ApiBearerAuth()
@Controller({ path: 'models', version: '1' })
export class ModelsController {
  constructor(
    private readonly artifacts: ModelArtifactRepository,
    private readonly files: ModelFileStore,
    private readonly uploads: ModelUploadService,
  ) {}

  @Post()
  @Accepts('application/octet-stream')
  @RequireScopes(Scope.GPU_WRITE)
  @ApiConsumes('application/octet-stream')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiOperation({
    summary:
      'Upload one ONNX model as the raw body (`?name=`), at most GPU_MODEL_MAX_BYTES: decoded, inspected and loaded by onnxruntime. 201 with the report; 200 with the existing model when these bytes were uploaded before.',
  })
  async upload(@Req() request: Request, @Res({ passthrough: true }) response: Response, @Query() query: UploadModelQueryDto, @CurrentPrincipal() principal: Principal): Promise<ModelView> {
    const { artifact, created } = await this.uploads.upload(request, query.name, principalKey(principal) ?? 'anonymous');
    response.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    response.location(`/v1/models/${artifact.id}`);
    return toModelView(artifact, true);
  }

  @Get()
  @RequireScopes(Scope.GPU_READ)
  @ApiOperation({ summary: 'Models, newest first (`?limit=&cursor=`), without their reports.' })
  async list(@Query() query: PageQueryDto): Promise<Page<ModelView>> {
    const page = await this.artifacts.listPage(query.limit, query.cursor);
    return { items: page.items.map((artifact) => toModelView(artifact, false)), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @RequireScopes(Scope.GPU_READ)
  @ApiOperation({ summary: 'One model with its inspection report (signature, parameters, bytes by dtype, op histogram, flags).' })
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<ModelView> {
    return toModelView(await this.artifacts.getByIdOrThrow(id), true);
  }

  @Get(':id/download')
  @RequireScopes(Scope.GPU_READ)
  @ApiProduces('application/octet-stream')
  @ApiOperation({ summary: 'The model file as uploaded (or as the pass wrote it).' })
  async download(@Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    const artifact = await this.artifacts.getByIdOrThrow(id);
    response.setHeader('ETag', `"${artifact.sha256}"`);
    return new StreamableFile(this.files.open(artifact.sha256), {
      type: 'application/octet-stream',
      disposition: `attachment; filename="${artifact.name.endsWith('.onnx') ? artifact.name : `${artifact.name}.onnx`}"`,
      length: artifact.sizeBytes,
    });
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @RequireScopes(Scope.GPU_WRITE)
  @ApiOperation({ summary: 'Delete a model (its bytes too when no other model shares them); 409 while optimised variants of it exist.' })
  async delete(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.uploads.delete(id);
  }
}
