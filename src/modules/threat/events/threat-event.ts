import type { ThreatClass } from '../engine/index.js';
import type { ThreatAction } from '../threat.metrics.js';

export interface StoredThreatMatch {
  ruleId: string;
  class: ThreatClass;
  kind: string;
  severity: string;
  location: string;
  fragment: string;
}

/** What the guard saw in one request that reached the blocking score. */
export interface ThreatDetection {
  ip: string;
  method: string;
  route: string;
  action: ThreatAction;
  classes: ThreatClass[];
  score: number;
  matches: StoredThreatMatch[];
  principal: string | null;
  requestId: string | null;
}

/** A `threat_events` row as the API shows it. */
export interface ThreatEvent extends Omit<ThreatDetection, 'requestId'> {
  id: string;
  requestId: string | null;
  count: number;
  firstSeenAt: Date;
  lastSeenAt: Date;
}
