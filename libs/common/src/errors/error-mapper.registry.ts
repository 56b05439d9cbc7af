import { Injectable } from '@nestjs/common';

import type { AppException } from './app.exception.js';

/** Turns an error it recognises into a coded exception, or returns undefined to pass. */
export type ErrorMapper = (error: unknown) => AppException | undefined;

/**
 * Lets modules teach the global filter about errors of their libraries (Postgres constraint errors, Redis
 * outages) without `libs/` knowing those modules: each registers its mapper at init.
 */
@Injectable()
export class ErrorMapperRegistry {
  private readonly mappers: ErrorMapper[] = [];

  register(mapper: ErrorMapper): void {
    this.mappers.push(mapper);
  }

  map(error: unknown): AppException | undefined {
    for (const mapper of this.mappers) {
      const mapped = mapper(error);
      if (mapped) {
        return mapped;
      }
    }
    return undefined;
  }
}
