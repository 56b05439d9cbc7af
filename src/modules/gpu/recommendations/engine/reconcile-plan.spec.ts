import type { Finding, RuleId } from '../rules/rule.types.js';
import type { RecommendationEntity, RecommendationStatus } from '../store/recommendation.entity.js';
import { planReconcile } from './reconcile-plan.js';

const T0 = new Date('2026-01-01T00:00:00.000Z');

function row(id: string, deviceId: string, rule: RuleId, status: RecommendationStatus = 'open'): RecommendationEntity {
  return {
    id,
    deviceId,
    rule,
    status,
    severity: 'info',
    title: rule,
    detail: '',
    evidence: { rule: { id: rule, version: 1, source: 'ours' }, window: { from: '', to: '' }, sampleCount: 0, minutesCovered: 0, statistics: {}, thresholds: {} },
    firstSeen: T0,
    lastSeen: T0,
    resolvedAt: null,
    dismissedAt: status === 'dismissed' ? T0 : null,
    dismissedBy: null,
    dismissReason: null,
  };
}

function finding(rule: RuleId): Finding {
  return { rule, severity: 'info', title: rule, detail: '', evidence: row('x', 'x', rule).evidence };
}

describe(planReconcile.name, () => {
  it('opens new findings, refreshes open and dismissed rows that still hold, resolves the rest', () => {
    const plan = planReconcile(
      [row('r1', 'a', 'idle'), row('r2', 'a', 'xid', 'dismissed'), row('r3', 'a', 'bursty')],
      new Map([['a', [finding('idle'), finding('xid'), finding('memory-pressure')]]]),
      new Set(),
    );

    expect(plan).toEqual({
      open: [{ deviceId: 'a', finding: finding('memory-pressure') }],
      refresh: [
        { id: 'r1', finding: finding('idle') },
        { id: 'r2', finding: finding('xid') },
      ],
      resolve: ['r3'],
    });
  });

  it('keeps the rows of a skipped device and resolves those of a device no longer evaluated', () => {
    const plan = planReconcile([row('r1', 'a', 'idle'), row('r2', 'gone', 'idle')], new Map(), new Set(['a']));

    expect(plan).toEqual({ open: [], refresh: [], resolve: ['r2'] });
  });

  it('keys rows by device and rule, so the same rule on two devices is two rows', () => {
    const plan = planReconcile([row('r1', 'a', 'idle')], new Map([['a', [finding('idle')]], ['b', [finding('idle')]]]), new Set());

    expect(plan).toEqual({ open: [{ deviceId: 'b', finding: finding('idle') }], refresh: [{ id: 'r1', finding: finding('idle') }], resolve: [] });
  });
});
