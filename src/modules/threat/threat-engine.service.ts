import { AppConfig } from '@app/config';
import { Injectable } from '@nestjs/common';

import { DETECTORS, isInertValue } from './detectors/registry.js';
import { isExcluded } from './excluded-location.util.js';
import { flattenRequest, inspect, type InspectedValue, type InspectionResult, type Paranoia, type RequestParts, verdict, type ThreatVerdict, ValueMemo } from './engine/index.js';

export interface ThreatAssessment extends InspectionResult {
  verdict: ThreatVerdict;
  threshold: number;
  paranoia: Paranoia;
}

/** The engine under this instance's configuration: paranoia, blocking threshold and caps from `THREAT_*`. */
@Injectable()
export class ThreatEngine {
  /** One per paranoia level: what a value holds depends on the rules that ran. */
  private readonly memos = new Map<Paranoia, ValueMemo>();

  constructor(private readonly config: AppConfig) {}

  /** Hits, misses and entries over every memo, for metrics. */
  memoStats(): { hits: number; misses: number; entries: number } {
    const stats = { hits: 0, misses: 0, entries: 0 };
    for (const memo of this.memos.values()) {
      stats.hits += memo.hits;
      stats.misses += memo.misses;
      stats.entries += memo.size;
    }
    return stats;
  }

  get paranoia(): Paranoia {
    return this.config.threat.paranoia;
  }

  /** Flattens and inspects a request, leaving out `exclude`d locations (see ThreatPolicyOptions). */
  inspectRequest(parts: RequestParts, exclude: readonly string[] = [], paranoia?: Paranoia): ThreatAssessment {
    const flattened = flattenRequest(parts, this.config.threat.caps);
    const values = exclude.length === 0 ? flattened.values : flattened.values.filter(({ location }) => !isExcluded(location, exclude));
    const result = this.inspectValues(values, paranoia);
    return { ...result, capsExceeded: [...flattened.capsExceeded, ...result.capsExceeded] };
  }

  inspectValues(values: readonly InspectedValue[], paranoia: Paranoia = this.config.threat.paranoia): ThreatAssessment {
    const result = inspect(values, { paranoia, detectors: DETECTORS, inert: isInertValue, caps: this.config.threat.caps, memo: this.memoFor(paranoia) });
    const threshold = this.config.threat.threshold;
    return { ...result, verdict: verdict(result.score, threshold), threshold, paranoia };
  }

  private memoFor(paranoia: Paranoia): ValueMemo | undefined {
    if (this.config.threat.memoEntries === 0) {
      return undefined;
    }
    let memo = this.memos.get(paranoia);
    if (memo === undefined) {
      memo = new ValueMemo(this.config.threat.memoEntries);
      this.memos.set(paranoia, memo);
    }
    return memo;
  }
}
