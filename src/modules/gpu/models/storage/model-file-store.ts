import { AppConfig } from '@app/config';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * Model bytes on the local disk under GPU_MODELS_DIR, one file per SHA-256 (`ab/abcd….onnx`), so identical models
 * are stored once. Writes go to a temp name and are renamed into place: a reader never sees half a model.
 */
@Injectable()
export class ModelFileStore {
  constructor(private readonly config: AppConfig) {}

  private pathOf(sha256: string): string {
    if (!SHA256.test(sha256)) {
      throw new Error(`Not a SHA-256: ${sha256.slice(0, 80)}`);
    }
    return join(this.config.gpu.models.dir, sha256.slice(0, 2), `${sha256}.onnx`);
  }

  async has(sha256: string): Promise<boolean> {
    return stat(this.pathOf(sha256)).then(
      () => true,
      () => false,
    );
  }

  /** Stores the bytes unless they are already there; says whether this call wrote them. */
  async put(sha256: string, bytes: Uint8Array): Promise<boolean> {
    const path = this.pathOf(sha256);
    if (await this.has(sha256)) {
      return false;
    }
    await mkdir(dirname(path), { recursive: true });
    const temp = `${path}.${randomUUID()}.tmp`;
    await writeFile(temp, bytes, { flag: 'wx' });
    await rename(temp, path);
    return true;
  }

  /** The whole file in memory, for the passes; callers bound it by the artifact's size first. */
  read(sha256: string): Promise<Buffer> {
    return readFile(this.pathOf(sha256));
  }

  open(sha256: string): ReadStream {
    return createReadStream(this.pathOf(sha256));
  }

  async delete(sha256: string): Promise<void> {
    await rm(this.pathOf(sha256), { force: true });
  }
}
