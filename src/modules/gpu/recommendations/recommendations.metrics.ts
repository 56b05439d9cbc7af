import { MetricsRegistry } from '@app/common';
import { Injectable } from '@nestjs/common';
import { Gauge } from 'prom-client';

import type { OpenCount } from './store/recommendation.repository.js';

/** `bulwark_gpu_recommendations_open{rule,severity}`, as of the last evaluation this instance ran. */
@Injectable()
export class RecommendationsMetrics {
  private readonly open: Gauge<'rule' | 'severity'>;

  constructor(registry: MetricsRegistry) {
    this.open = new Gauge({
      name: 'bulwark_gpu_recommendations_open',
      help: 'Open (not dismissed, not resolved) GPU recommendations by rule and severity, at the last evaluation this instance ran.',
      labelNames: ['rule', 'severity'],
      registers: [registry],
    });
  }

  /** Replaces every series, so a rule with no open rows any more drops to absent rather than staying stale. */
  setOpen(counts: readonly OpenCount[]): void {
    this.open.reset();
    for (const { rule, severity, count } of counts) {
      this.open.set({ rule, severity }, count);
    }
  }
}
