import { AppConfig } from '@app/config';
import { Injectable } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import pLimit from 'p-limit';

import { AssetRepository } from '../assets/asset.repository.js';
import { CdnException, CdnExceptionCode } from '../cdn.exception.js';
import { CdnMetrics } from '../cdn.metrics.js';
import { AssetOptimizationQueue } from '../optimize-job/asset-optimization.queue.js';
import { AssetIngestService, type IngestedAsset } from './asset-ingest.service.js';
import { parseAssetTags } from './asset-tags.js';
import { spoolMultipart, type SpooledFile } from './multipart-spool.js';

export type BatchItemResult = { filename: string; status: number; ingested: IngestedAsset; error?: undefined } | { filename: string; status: number; ingested?: undefined; error: CdnException };

export interface BatchProgress {
  done: number;
  total: number;
  item: BatchItemResult;
}

/** Upload requests end to end: spool, check and store each file, then queue the optimisation of new content. */
@Injectable()
export class AssetUploadService {
  constructor(
    private readonly assets: AssetRepository,
    private readonly config: AppConfig,
    private readonly ingest: AssetIngestService,
    private readonly metrics: CdnMetrics,
    private readonly optimization: AssetOptimizationQueue,
  ) {}

  /** `POST /v1/assets`: exactly one file. */
  async uploadOne(request: IncomingMessage): Promise<IngestedAsset> {
    const upload = await spoolMultipart(request, { ...this.limits(), maxFiles: 1 });
    try {
      const [file] = upload.files;
      if (file === undefined) {
        throw new CdnException(CdnExceptionCode.MALFORMED_MULTIPART, 'The upload has no file part.');
      }
      const ingested = await this.ingestCounted(file, parseAssetTags(upload.fields.get('tags')));
      return (await this.queueOptimization([ingested]))[0] ?? ingested;
    } finally {
      await upload.cleanup();
    }
  }

  /** `POST /v1/assets/batch`: many files, `CDN_UPLOAD_CONCURRENCY` at a time, one result (or problem) per file. */
  async uploadBatch(request: IncomingMessage, onProgress?: (progress: BatchProgress) => void): Promise<BatchItemResult[]> {
    const upload = await spoolMultipart(request, this.limits());
    try {
      if (upload.files.length === 0) {
        throw new CdnException(CdnExceptionCode.MALFORMED_MULTIPART, 'The upload has no file part.');
      }
      const tags = parseAssetTags(upload.fields.get('tags'));
      const limit = pLimit(this.config.cdn.limits.uploadConcurrency);
      let done = 0;
      const results = await Promise.all(
        upload.files.map((file) =>
          limit(async () => {
            const item = await this.ingestOne(file, tags);
            done += 1;
            onProgress?.({ done, total: upload.files.length, item });
            return item;
          }),
        ),
      );
      const queued = await this.queueOptimization(results.flatMap((result) => (result.ingested === undefined ? [] : [result.ingested])));
      const byId = new Map(queued.map((ingested) => [ingested.asset.id, ingested]));
      return results.map((result) => (result.ingested === undefined ? result : { ...result, ingested: byId.get(result.ingested.asset.id) ?? result.ingested }));
    } finally {
      await upload.cleanup();
    }
  }

  private async ingestOne(file: SpooledFile, tags: readonly string[]): Promise<BatchItemResult> {
    try {
      const ingested = await this.ingestCounted(file, tags);
      return { filename: file.filename, status: ingested.created ? 201 : 200, ingested };
    } catch (error) {
      if (error instanceof CdnException) {
        return { filename: file.filename, status: error.status, error };
      }
      throw error;
    }
  }

  private async ingestCounted(file: SpooledFile, tags: readonly string[]): Promise<IngestedAsset> {
    try {
      const ingested = await this.ingest.ingest(file, tags);
      this.metrics.uploaded(ingested.created ? 'created' : 'existing', file.size);
      return ingested;
    } catch (error) {
      this.metrics.uploaded('rejected', 0);
      throw error;
    }
  }

  /** One job for every new content of the request; the assets learn its id so clients can follow it. */
  private async queueOptimization(ingested: readonly IngestedAsset[]): Promise<IngestedAsset[]> {
    const pending = ingested.filter((item) => item.needsOptimization);
    if (pending.length === 0) {
      return [...ingested];
    }
    const jobId = await this.optimization.enqueue(pending.map(({ asset }) => ({ contentHash: asset.contentHash, kind: asset.kind })));
    await this.assets.setJob(
      pending.map(({ asset }) => asset.id),
      jobId,
    );
    return ingested.map((item) => (item.needsOptimization ? { ...item, asset: { ...item.asset, jobId } } : item));
  }

  private limits(): { maxFileBytes: number; maxRequestBytes: number; maxFiles: number } {
    const { maxFileBytes, maxRequestBytes, maxFilesPerRequest } = this.config.cdn.limits;
    return { maxFileBytes, maxRequestBytes, maxFiles: maxFilesPerRequest };
  }
}
