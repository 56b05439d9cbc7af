import { AppConfig } from '@app/config';
import { Injectable } from '@nestjs/common';

import { RuntimeSampler } from '../runtime/runtime-sampler.service.js';
import { aggregate } from '../signals/aggregate.util.js';
import { RequestStats } from '../signals/request-stats.js';
import { adviseScaling, type ScalingAdvice, type ScalingObservations } from './scaling-advice.js';

/** Scaling looks at the last five minutes: HPA's scale-down stabilisation window, and long enough to ignore a burst. */
export const SCALING_WINDOW = '5m';

export interface ScalingView extends ScalingAdvice {
  window: typeof SCALING_WINDOW;
  generatedAt: string;
  /** The figures are this instance's; the advice assumes the load balancer spreads load evenly over replicas. */
  scope: 'instance';
}

/** Gathers this instance's observations over the window and asks the pure advisor for a replica count. */
@Injectable()
export class ScalingService {
  constructor(
    private readonly config: AppConfig,
    private readonly requests: RequestStats,
    private readonly runtime: RuntimeSampler,
  ) {}

  advise(currentReplicas?: number): ScalingView {
    const { scaling, regression } = this.config.monitoring;
    const advice = adviseScaling(this.observe(regression.minRequests), {
      currentReplicas: currentReplicas ?? scaling.replicas,
      minReplicas: scaling.minReplicas,
      maxReplicas: scaling.maxReplicas,
      targetUtilisation: scaling.targetUtilisation,
      sloP95Ms: scaling.sloP95Ms,
    });
    return { window: SCALING_WINDOW, generatedAt: new Date().toISOString(), scope: 'instance', ...advice };
  }

  /** A p95 over fewer requests than regressions need (MONITORING_REGRESSION_MIN_REQUESTS) is noise, not a signal. */
  private observe(minRequests: number): ScalingObservations {
    const samples = this.runtime.window(SCALING_WINDOW);
    const overall = this.requests.overall(SCALING_WINDOW);
    const pools = samples.flatMap((sample) => (sample.dbPool === null ? [] : [sample.dbPool]));
    const mean = (values: number[]): number | null => aggregate(values, 'mean');
    const meanWaiting = mean(pools.map((pool) => pool.waiting));
    return {
      cpuUtilisation: mean(samples.map((sample) => sample.cpuUtilisation)),
      eventLoopUtilisation: mean(samples.map((sample) => sample.eventLoopUtilisation)),
      p95Ms: overall.requests >= Math.max(1, minRequests) ? overall.p95Ms : null,
      pool: meanWaiting === null ? null : { meanWaiting, max: pools.at(-1)!.max },
    };
  }
}
