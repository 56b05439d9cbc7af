import { RULE_SOURCES, XID } from '../recommendation.constants.js';
import type { Finding, RuleInput, Severity } from './rule.types.js';
import { evidence } from './series-stats.util.js';
import { SEVERITY_RANK, UNKNOWN_XID, XID_CATALOGUE } from './xid-catalogue.constants.js';

/** Xid errors in the window: one finding at the worst code's severity, every code listed with its action. */
export function xidRule(input: RuleInput): Finding | null {
  const codes = Object.entries(input.xidCounts)
    .filter(([, count]) => count > 0)
    .map(([code, count]) => ({ code, count, ...(XID_CATALOGUE[code] ?? UNKNOWN_XID) }))
    .sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || Number(a.code) - Number(b.code));
  const worst = codes[0];
  if (worst === undefined) {
    return null;
  }
  const severity: Severity = worst.severity;
  const total = codes.reduce((sum, entry) => sum + entry.count, 0);
  const listed = codes.map((entry) => `Xid ${entry.code} ×${entry.count}`).join(', ');
  return {
    rule: 'xid',
    severity,
    title: `Xid errors (worst: ${worst.code}, ${worst.name})`,
    detail: `${listed}. ${worst.action}`,
    evidence: evidence(
      input,
      { id: 'xid', version: XID.version, source: RULE_SOURCES.nvidiaXid },
      { minutesCovered: input.minutes.length, sampleCount: input.minutes.reduce((sum, minute) => sum + minute.samples, 0) },
      { xidEvents: total, distinctCodes: codes.length },
      { severityOf: 'catalogue' },
      { codes },
    ),
  };
}
