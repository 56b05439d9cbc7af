import { MetricsRegistry } from '@app/common';
import { Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';


export type RateLimitOutcome = 'allowed' | 'limited' | 'shadow_limited';
export type RateLimitSource = 'guard' | 'check_api';
export type StoreFailureAction = 'fallback' | 'rejected';

/** The limiter's counters; labels are fixed enums, never keys or IPs. */
@Injectable()
export class RateLimitMetrics {
  private readonly decisions: Counter<'outcome' | 'source'>;
  private readonly storeFailures: Counter<'action'>;

  constructor(registry: MetricsRegistry) {
    this.decisions = new Counter({
      name: 'bulwark_security_rate_limit_decisions_total',
      help: 'Rate-limit decisions by outcome (shadow_limited: would have been limited in shadow mode).',
      labelNames: ['outcome', 'source'],
      registers: [registry],
    });
    this.storeFailures = new Counter({
      name: 'bulwark_security_rate_limit_store_failures_total',
      help: 'Decisions the shared store (Redis) could not make: served by the per-instance fallback or rejected (503).',
      labelNames: ['action'],
      registers: [registry],
    });
  }

  decision(outcome: RateLimitOutcome, source: RateLimitSource): void {
    this.decisions.inc({ outcome, source });
  }

  storeFailure(action: StoreFailureAction): void {
    this.storeFailures.inc({ action });
  }
}
