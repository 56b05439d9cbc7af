import type { Evidence, RuleId, Severity } from '../rules/rule.types.js';
import type { RecommendationEntity, RecommendationStatus } from '../store/recommendation.entity.js';

export interface RecommendationView {
  id: string;
  deviceId: string;
  rule: RuleId;
  severity: Severity;
  status: RecommendationStatus;
  title: string;
  detail: string;
  evidence: Evidence;
  firstSeen: string;
  lastSeen: string;
  resolvedAt: string | null;
  dismissedAt: string | null;
  dismissedBy: string | null;
  dismissReason: string | null;
}

export function toRecommendationView(row: RecommendationEntity): RecommendationView {
  return {
    id: row.id,
    deviceId: row.deviceId,
    rule: row.rule,
    severity: row.severity,
    status: row.status,
    title: row.title,
    detail: row.detail,
    evidence: row.evidence,
    firstSeen: row.firstSeen.toISOString(),
    lastSeen: row.lastSeen.toISOString(),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    dismissedAt: row.dismissedAt?.toISOString() ?? null,
    dismissedBy: row.dismissedBy,
    dismissReason: row.dismissReason,
  };
}
