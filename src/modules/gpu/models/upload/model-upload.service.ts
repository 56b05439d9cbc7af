import { AppConfig } from '@app/config';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

import { GpuException, GpuExceptionCode } from '../../gpu.exception.js';
import { decodeModel } from '../../onnx/onnx-proto.js';
import type { ModelArtifactEntity } from '../artifacts/model-artifact.entity.js';
import { ModelArtifactRepository } from '../artifacts/model-artifact.repository.js';
import { inspectModel } from '../inspect/inspect-model.js';
import { ModelMetrics } from '../model.metrics.js';
import type { ModelReport } from '../inspect/model-report.types.js';
import { assertModelUsable } from '../inspect/validate-model.js';
import { OnnxRuntimeLoader } from '../runtime/onnx-runtime-loader.js';
import { irVersionColumn, ModelArtifactWriter } from '../storage/model-artifact-writer.js';
import { ModelFileStore } from '../storage/model-file-store.js';
import { readModelBody } from './read-model-body.js';

export interface UploadedModel {
  artifact: ModelArtifactEntity;
  /** False when these exact bytes were uploaded before: the existing artifact is answered, nothing is stored. */
  created: boolean;
}

/**
 * `POST /v1/models` end to end: body within the size cap, decoded, inspected, checked, loaded by onnxruntime, then
 * stored once per SHA-256 with its row. Every check runs before the first byte is stored.
 */
@Injectable()
export class ModelUploadService {
  constructor(
    private readonly artifacts: ModelArtifactRepository,
    private readonly config: AppConfig,
    private readonly files: ModelFileStore,
    private readonly metrics: ModelMetrics,
    private readonly runtime: OnnxRuntimeLoader,
    private readonly writer: ModelArtifactWriter,
  ) {}

  async upload(request: IncomingMessage, name: string, createdBy: string): Promise<UploadedModel> {
    try {
      const uploaded = await this.ingest(request, name, createdBy);
      this.metrics.uploaded(uploaded.created ? 'created' : 'existing');
      return uploaded;
    } catch (error) {
      if (error instanceof GpuException) {
        this.metrics.uploaded(error.code === (GpuExceptionCode.MODEL_TOO_LARGE as string) ? 'too_large' : 'invalid');
      }
      throw error;
    }
  }

  private async ingest(request: IncomingMessage, name: string, createdBy: string): Promise<UploadedModel> {
    const { bytes, sha256 } = await readModelBody(request, this.config.gpu.models.maxBytes);
    if (bytes.length === 0) {
      throw new GpuException(GpuExceptionCode.INVALID_MODEL, 'The body is empty: send the .onnx file as application/octet-stream.');
    }
    const existing = await this.artifacts.findUploadByHash(sha256);
    if (existing !== null) {
      return { artifact: existing, created: false };
    }
    const model = decodeModel(bytes);
    const report = inspectModel(model);
    assertModelUsable(model, report);
    await this.runtime.assertLoadable(bytes);
    return this.store(bytes, sha256, name, createdBy, report);
  }

  private store(bytes: Buffer, sha256: string, name: string, createdBy: string, report: ModelReport): Promise<UploadedModel> {
    return this.writer.write(sha256, bytes, () =>
      this.artifacts.insertUploadOrFindExisting({
        id: randomUUID(),
        name,
        sha256,
        sizeBytes: bytes.length,
        irVersion: irVersionColumn(report),
        opsets: report.opsets,
        report,
        parentId: null,
        pass: null,
        createdBy,
        createdAt: new Date(),
      }),
    );
  }

  /** Removes the artifact, and its bytes when no other artifact has them; variants must go first. */
  async delete(id: string): Promise<void> {
    const artifact = await this.artifacts.getByIdOrThrow(id);
    const variants = await this.artifacts.countChildren(id);
    if (variants > 0) {
      throw new GpuException(GpuExceptionCode.MODEL_HAS_VARIANTS, `Model ${id} has ${variants} optimised variant(s); delete them first.`);
    }
    await this.artifacts.deleteById(id);
    if ((await this.artifacts.countByHash(artifact.sha256)) === 0) {
      await this.files.delete(artifact.sha256);
    }
  }
}
