import { Injectable } from '@nestjs/common';

import { GpuException, GpuExceptionCode } from '../gpu.exception.js';
import { encodeModel, type ModelProto } from '../onnx/onnx-proto.js';
import { OrtRunner, type Feeds, type FloatTensorData } from '../onnx/ort-runner.adapter.js';
import { seededInputs, type SeededInputOptions } from '../onnx/seeded-inputs.util.js';

export interface ValidateOptions {
  /** Explicit feeds, or seed/batch for standard-normal ones built from the original's inputs. */
  inputs?: Feeds | SeededInputOptions;
  /** Largest acceptable relative error (see OutputError.maxRelError) on every output. */
  tolerance: number;
}

export interface OutputError {
  output: string;
  maxAbsError: number;
  /**
   * Max absolute error over the output's largest reference magnitude. Element-wise |a-b|/|b| explodes on outputs
   * near zero (every ReLU network has them), which would fail any quantisation for reasons that do not matter.
   */
  maxRelError: number;
  withinTolerance: boolean;
}

export interface ValidationReport {
  /** False when onnxruntime refused the optimised model: it is then not validated, whatever else it claims. */
  loaded: boolean;
  error?: string;
  outputs: OutputError[];
  maxRelError: number;
  passed: boolean;
}

function isFeeds(inputs: ValidateOptions['inputs']): inputs is Feeds {
  return inputs !== undefined && Object.values(inputs).some((value) => typeof value === 'object');
}

export function compareOutputs(reference: Feeds, candidate: Feeds, tolerance: number): OutputError[] {
  return Object.entries(reference).map(([output, expected]) => {
    const actual: FloatTensorData | undefined = candidate[output];
    if (actual?.data.length !== expected.data.length) {
      return { maxAbsError: Infinity, maxRelError: Infinity, output, withinTolerance: false };
    }
    let maxAbsError = 0;
    let magnitude = 0;
    expected.data.forEach((value, i) => {
      maxAbsError = Math.max(maxAbsError, Math.abs(value - (actual.data[i] ?? NaN)) || (Number.isNaN(actual.data[i]) ? Infinity : 0));
      magnitude = Math.max(magnitude, Math.abs(value));
    });
    const maxRelError = magnitude > 0 ? maxAbsError / magnitude : maxAbsError;
    return { maxAbsError, maxRelError, output, withinTolerance: maxRelError <= tolerance };
  });
}

/** Runs an original and an optimised model on the same seeded inputs in onnxruntime-node and compares every output. */
@Injectable()
export class PassValidator {
  constructor(private readonly runner: OrtRunner) {}

  async validatePass(original: ModelProto, optimised: ModelProto, options: ValidateOptions): Promise<ValidationReport> {
    const feeds = isFeeds(options.inputs) ? options.inputs : seededInputs(original, options.inputs);
    let reference: Feeds;
    try {
      reference = await this.runner.run(encodeModel(original), feeds);
    } catch (error) {
      throw new GpuException(GpuExceptionCode.INVALID_MODEL, `The original model does not run in onnxruntime: ${message(error)}`);
    }
    let candidate: Feeds;
    try {
      candidate = await this.runner.run(encodeModel(optimised), feeds);
    } catch (error) {
      return { error: message(error), loaded: false, maxRelError: Infinity, outputs: [], passed: false };
    }
    const outputs = compareOutputs(reference, candidate, options.tolerance);
    const maxRelError = Math.max(0, ...outputs.map((output) => output.maxRelError));
    return { loaded: true, maxRelError, outputs, passed: outputs.every((output) => output.withinTolerance) };
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
