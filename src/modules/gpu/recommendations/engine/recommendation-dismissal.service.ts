import { Injectable } from '@nestjs/common';

import { GpuException, GpuExceptionCode } from '../../gpu.exception.js';
import type { RecommendationEntity } from '../store/recommendation.entity.js';
import { RecommendationRepository } from '../store/recommendation.repository.js';
import { RecommendationClock } from './recommendation-clock.js';

/** Dismissing: only an open recommendation can be; it then stays dismissed for as long as its finding holds. */
@Injectable()
export class RecommendationDismissal {
  constructor(
    private readonly clock: RecommendationClock,
    private readonly recommendations: RecommendationRepository,
  ) {}

  async dismiss(id: string, by: string | null, reason: string): Promise<RecommendationEntity> {
    const dismissed = await this.recommendations.dismissOpen(id, by, reason, this.clock.now());
    const row = await this.recommendations.getByIdOrThrow(id);
    if (!dismissed) {
      throw new GpuException(GpuExceptionCode.RECOMMENDATION_NOT_OPEN, `Recommendation ${id} is ${row.status}; only an open one can be dismissed.`);
    }
    return row;
  }
}
