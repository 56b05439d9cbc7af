import { Accepts, type Page } from '@app/common';
import { Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';

import { RequireScopes, Scope } from '../../security/index.js';
import { AssetRepository } from '../assets/asset.repository.js';
import { AssetVariantRepository } from '../assets/asset-variant.repository.js';
import { CdnPurgeService, type PurgeOutcome } from '../purge/cdn-purge.service.js';
import { AssetUploadService } from '../upload/asset-upload.service.js';
import { toAssetView, toBatchItemView, type AssetView, type BatchItemView } from './asset-view.js';
import { streamBatchProgress, wantsEventStream } from './batch-event-stream.js';
import { ListAssetsQueryDto } from './dto/list-assets-query.dto.js';

@ApiTags('cdn')
@ApiBearerAuth()
@Controller({ path: 'assets', version: '1' })
export class AssetsController {
  constructor(
    private readonly assets: AssetRepository,
    private readonly purges: CdnPurgeService,
    private readonly uploads: AssetUploadService,
    private readonly variants: AssetVariantRepository,
  ) {}

  @Post()
  @Accepts('multipart/form-data')
  @RequireScopes(Scope.CDN_WRITE)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' }, tags: { type: 'string', example: 'release-42,js' } } } })
  @ApiOperation({ summary: 'Upload one file (field `file`, optional `tags=a,b`): 201 when new, 200 when this name already holds this content.' })
  async upload(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<AssetView> {
    const { asset, created } = await this.uploads.uploadOne(request);
    response.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return toAssetView(asset);
  }

  @Post('batch')
  @Accepts('multipart/form-data')
  @RequireScopes(Scope.CDN_WRITE)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'array', items: { type: 'string', format: 'binary' } }, tags: { type: 'string' } } } })
  @ApiOperation({
    summary: 'Upload many files: one result per file (201, 200 or a problem). With `Accept: text/event-stream`, a `progress` event per file, then `result`.',
  })
  async uploadBatch(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<{ items: BatchItemView[] } | undefined> {
    if (wantsEventStream(request)) {
      await streamBatchProgress(response, (onProgress) => this.uploads.uploadBatch(request, onProgress));
      return undefined;
    }
    const items = await this.uploads.uploadBatch(request);
    response.status(HttpStatus.OK);
    return { items: items.map(toBatchItemView) };
  }

  @Get()
  @RequireScopes(Scope.CDN_READ)
  @ApiOperation({ summary: 'Assets, newest first (`?limit=&cursor=`, optional `name`).' })
  async list(@Query() query: ListAssetsQueryDto): Promise<Page<AssetView>> {
    const page = await this.assets.listPage(query.limit, query.cursor, query.name);
    return { items: page.items.map((asset) => toAssetView(asset)), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @RequireScopes(Scope.CDN_READ)
  @ApiOperation({ summary: 'One asset with its URLs, optimisation status and every stored variant and encoding.' })
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<AssetView> {
    const asset = await this.assets.getByIdOrThrow(id);
    return toAssetView(asset, await this.variants.findForContent(asset.contentHash, asset.kind));
  }

  @Delete(':id')
  @HttpCode(HttpStatus.ACCEPTED)
  @RequireScopes(Scope.CDN_WRITE)
  @ApiOperation({ summary: 'Delete an asset (its bytes too when no other asset shares them) and purge its URLs here and at the edges.' })
  delete(@Param('id', ParseUUIDPipe) id: string): Promise<PurgeOutcome> {
    return this.purges.deleteAsset(id);
  }
}
