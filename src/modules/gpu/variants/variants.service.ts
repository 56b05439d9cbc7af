import { AppConfig } from '@app/config';
import { Injectable } from '@nestjs/common';

import { GpuException, GpuExceptionCode } from '../gpu.exception.js';
import { ModelArtifactRepository, ModelFileStore, type ModelArtifactEntity } from '../models/index.js';
import type { PassReport, ValidationReport } from '../passes/index.js';
import { VariantBuilder, type DerivedModel } from './variant-builder.service.js';
import type { VariantRequest } from './variant-request.js';

export interface CreatedVariant {
  artifact: ModelArtifactEntity;
  reports: PassReport[];
  validation: ValidationReport;
}

/** The accuracy gates were measured on batches of 8 seeded rows: one row would judge a variant on too little. */
const VALIDATION_BATCH = 8;

/** `POST /v1/models/:id/variants`: the parent's bytes through the builder, stored only when changed and within the gate. */
@Injectable()
export class VariantsService {
  constructor(
    private readonly artifacts: ModelArtifactRepository,
    private readonly builder: VariantBuilder,
    private readonly config: AppConfig,
    private readonly files: ModelFileStore,
  ) {}

  async create(parentId: string, request: VariantRequest, createdBy: string): Promise<CreatedVariant> {
    const parent = await this.artifacts.getByIdOrThrow(parentId);
    if (parent.sizeBytes > this.config.gpu.models.maxBytes) {
      throw new GpuException(GpuExceptionCode.MODEL_TOO_LARGE, `Model ${parent.id} is ${parent.sizeBytes} bytes, over GPU_MODEL_MAX_BYTES (${this.config.gpu.models.maxBytes}).`);
    }
    const derived = await this.builder.derive(await this.files.read(parent.sha256), request.steps, { batch: VALIDATION_BATCH, seed: request.seed, tolerance: request.tolerance });
    const { bytes, validation } = accepted(derived, request.tolerance);
    const artifact = await this.builder.store(parent, bytes, { createdBy, label: request.label });
    return { artifact, reports: derived.reports, validation };
  }

  async assertExists(id: string): Promise<void> {
    await this.artifacts.getByIdOrThrow(id);
  }
}

/** The derived bytes and their passing validation, or the 422 that says why there is nothing to store. */
function accepted(derived: DerivedModel, tolerance: number): { bytes: Uint8Array; validation: ValidationReport } {
  const summaries = derived.reports.map((report) => `${report.pass}: ${report.summary}`);
  if (derived.refused !== undefined) {
    throw new GpuException(GpuExceptionCode.MODEL_REFUSED, `The model was not rewritten: ${derived.refused}.`);
  }
  if (derived.bytes === null || derived.validation === null) {
    throw new GpuException(GpuExceptionCode.NOTHING_TO_OPTIMIZE, `The passes changed nothing. ${summaries.join('; ')}`, { extensions: { summaries } });
  }
  const { validation } = derived;
  if (!validation.passed) {
    const why = validation.loaded
      ? `the largest relative error on an output is ${validation.maxRelError.toPrecision(3)}, over the tolerance ${tolerance}`
      : `onnxruntime cannot load the variant: ${validation.error ?? 'unknown error'}`;
    throw new GpuException(GpuExceptionCode.ACCURACY_GATE_FAILED, `The variant failed validation against its parent: ${why}.`, {
      extensions: {
        loaded: validation.loaded,
        outputs: validation.outputs.map((output) => ({ maxAbsError: output.maxAbsError, maxRelError: output.maxRelError, output: output.output, withinTolerance: output.withinTolerance })),
        summaries,
        tolerance,
      },
    });
  }
  return { bytes: derived.bytes, validation };
}
