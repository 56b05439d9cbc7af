import { AppConfig } from '@app/config';
import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';

import { GpuException, GpuExceptionCode } from '../gpu.exception.js';
import { assertModelUsable, inspectModel, irVersionColumn, ModelArtifactRepository, ModelArtifactWriter, type ModelArtifactEntity } from '../models/index.js';
import { decodeModel, type ModelProto } from '../onnx/onnx-proto.js';
import { applyStepsToBytes, PassValidator, seededInputs, type Feeds, type PassReport, type PassStep, type ValidationReport } from '../passes/index.js';

export interface DerivedModel {
  /** The rewritten bytes, or null when the passes changed nothing or the model was refused. */
  bytes: Uint8Array | null;
  reports: PassReport[];
  /** Why the model was not touched (fields newer than the schema); absent otherwise. */
  refused?: string;
  /** onnxruntime comparison against the parent on seeded inputs; null when there was nothing to compare. */
  validation: ValidationReport | null;
}

export interface DeriveOptions {
  tolerance: number;
  seed?: number;
  batch?: number;
}

export interface StoreVariantOptions {
  /** What produced the bytes (`level:advanced`, `dynamic-int8+fp16`): the artifact's `pass`. */
  label: string;
  createdBy: string;
}

const NAME_MAX = 128;
const LABEL_MAX = 64;

/** `<parent name>.<label>`, the parent's part shortened so the whole fits the name column. */
export function variantName(parentName: string, label: string): string {
  return `${parentName.slice(0, Math.max(0, NAME_MAX - label.length - 1))}.${label}`.slice(0, NAME_MAX);
}

/**
 * Derives optimised variants of stored models: the passes over the parent's bytes, an onnxruntime comparison with
 * the parent, and storage as a child artifact. Shared by `POST /v1/models/:id/variants` and the auto-optimise jobs.
 */
@Injectable()
export class VariantBuilder {
  constructor(
    private readonly artifacts: ModelArtifactRepository,
    private readonly config: AppConfig,
    private readonly validator: PassValidator,
    private readonly writer: ModelArtifactWriter,
  ) {}

  /**
   * Applies the steps to the parent's bytes and validates the result (no storage). Throws 413 GPU.MODEL_TOO_LARGE
   * over GPU_MODEL_MAX_BYTES, 422 GPU.MODEL_REFUSED when the inputs cannot be seeded (not float), and 422
   * GPU.INVALID_MODEL when the parent itself does not run; a variant onnxruntime refuses is a failed validation.
   */
  async derive(parentBytes: Uint8Array, steps: readonly PassStep[], options: DeriveOptions): Promise<DerivedModel> {
    // Decoding and rewriting hold several copies of the model in memory: the upload cap bounds them here too.
    if (parentBytes.length > this.config.gpu.models.maxBytes) {
      throw new GpuException(GpuExceptionCode.MODEL_TOO_LARGE, `The model is ${parentBytes.length} bytes, over GPU_MODEL_MAX_BYTES (${this.config.gpu.models.maxBytes}).`);
    }
    const result = applyStepsToBytes(parentBytes, steps);
    if (result.refused !== undefined) {
      return { bytes: null, refused: result.refused, reports: result.reports, validation: null };
    }
    if (result.model === null || !result.reports.some((report) => report.changed.length > 0)) {
      return { bytes: null, reports: result.reports, validation: null };
    }
    const original = decodeModel(parentBytes);
    const validation = await this.validator.validatePass(original, result.model, { inputs: feedsFor(original, options), tolerance: options.tolerance });
    return { bytes: result.bytes, reports: result.reports, validation };
  }

  /** Stores derived bytes as a variant artifact of `parent` (file by SHA-256 + model_artifacts row with its inspection report). */
  async store(parent: ModelArtifactEntity, bytes: Uint8Array, options: StoreVariantOptions): Promise<ModelArtifactEntity> {
    if (options.label.length === 0 || options.label.length > LABEL_MAX) {
      throw new RangeError(`A variant label has 1 to ${LABEL_MAX} characters: ${options.label.slice(0, 80)}`);
    }
    const model = decodeModel(bytes);
    const report = inspectModel(model);
    assertModelUsable(model, report);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    return this.writer.write(sha256, bytes, () =>
      this.artifacts.insertVariant({
        id: randomUUID(),
        name: variantName(parent.name, options.label),
        sha256,
        sizeBytes: bytes.length,
        irVersion: irVersionColumn(report),
        opsets: report.opsets,
        report,
        parentId: parent.id,
        pass: options.label,
        createdBy: options.createdBy,
        createdAt: new Date(),
      }),
    );
  }
}

/** Seeded feeds, or a 422 for a model whose inputs cannot be invented (ids, sample rates): it cannot be validated. */
function feedsFor(original: ModelProto, options: DeriveOptions): Feeds {
  try {
    return seededInputs(original, { batch: options.batch, seed: options.seed });
  } catch (error) {
    throw new GpuException(GpuExceptionCode.MODEL_REFUSED, `The variant cannot be validated: ${error instanceof Error ? error.message : String(error)}`);
  }
}
