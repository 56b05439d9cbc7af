import type { Finding } from '../rules/rule.types.js';
import type { RecommendationEntity } from '../store/recommendation.entity.js';

export interface ReconcilePlan {
  /** New findings: rows to open. */
  open: Array<{ deviceId: string; finding: Finding }>;
  /** Findings that still hold: the unresolved row to refresh (kept open or dismissed). */
  refresh: Array<{ id: string; finding: Finding }>;
  /** Unresolved rows whose finding no longer holds, or whose device is no longer reported. */
  resolve: string[];
}

/**
 * What one evaluation changes. `evaluated` maps each device the rules ran on to its findings; a device that is
 * listed but could not be read (`skipped`) keeps its rows as they are: not knowing is not "stopped holding".
 */
export function planReconcile(unresolved: readonly RecommendationEntity[], evaluated: ReadonlyMap<string, readonly Finding[]>, skipped: ReadonlySet<string>): ReconcilePlan {
  const plan: ReconcilePlan = { open: [], refresh: [], resolve: [] };
  const byKey = new Map(unresolved.map((row) => [`${row.deviceId}\u0000${row.rule}`, row]));
  for (const [deviceId, findings] of evaluated) {
    for (const finding of findings) {
      const key = `${deviceId}\u0000${finding.rule}`;
      const row = byKey.get(key);
      if (row === undefined) {
        plan.open.push({ deviceId, finding });
      } else {
        plan.refresh.push({ id: row.id, finding });
        byKey.delete(key);
      }
    }
  }
  for (const row of byKey.values()) {
    if (!skipped.has(row.deviceId)) {
      plan.resolve.push(row.id);
    }
  }
  return plan;
}
