import { Injectable } from '@nestjs/common';

import { ModelArtifactRepository } from '../artifacts/model-artifact.repository.js';
import type { ModelReport } from '../inspect/model-report.types.js';
import { ModelFileStore } from './model-file-store.js';

/** The report's IR version for its integer column: null when absent or beyond it (the report keeps the exact value). */
export function irVersionColumn(report: ModelReport): number | null {
  return typeof report.irVersion === 'number' && report.irVersion <= 2 ** 31 - 1 ? report.irVersion : null;
}

/** Stores a new artifact, uploaded or derived: its bytes by SHA-256, then its row. */
@Injectable()
export class ModelArtifactWriter {
  constructor(
    private readonly artifacts: ModelArtifactRepository,
    private readonly files: ModelFileStore,
  ) {}

  /** Bytes first, then the row (`insert`); the bytes go again if the row fails and nothing else holds them. */
  async write<T>(sha256: string, bytes: Uint8Array, insert: () => Promise<T>): Promise<T> {
    const storedNow = await this.files.put(sha256, bytes);
    try {
      return await insert();
    } catch (error) {
      if (storedNow && (await this.artifacts.countByHash(sha256)) === 0) {
        await this.files.delete(sha256);
      }
      throw error;
    }
  }
}
