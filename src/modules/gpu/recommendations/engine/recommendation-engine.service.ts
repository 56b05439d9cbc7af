import { Injectable, Logger } from '@nestjs/common';

import { TransactionalConnection } from '../../../database/index.js';
import { GpuSeriesSource, type DeviceRef } from '../gpu-series.types.js';
import { RECOMMENDATION_WINDOW_MS, RECOMMENDATIONS_LOCK_KEY } from '../recommendation.constants.js';
import { RecommendationsMetrics } from '../recommendations.metrics.js';
import { evaluateDevice } from '../rules/evaluate-device.js';
import type { Finding, RuleId } from '../rules/rule.types.js';
import { RecommendationRepository } from '../store/recommendation.repository.js';
import { planReconcile } from './reconcile-plan.js';

export interface DeviceOutcome {
  deviceId: string;
  uuid: string;
  /** False for MIG devices: the utilisation rules did not run (their utilisation is not 0%, it is unknown). */
  utilizationJudged: boolean;
  findings: RuleId[];
  /** Set when the device's series could not be read; its recommendations were left as they were. */
  error?: string;
}

export interface EvaluationSummary {
  evaluatedAt: string;
  window: { from: string; to: string };
  devices: DeviceOutcome[];
  opened: number;
  refreshed: number;
  resolved: number;
}

/** Reads each device's last 24 h through the series port, runs the rules, and reconciles the stored findings. */
@Injectable()
export class RecommendationEngine {
  private readonly logger = new Logger(RecommendationEngine.name);

  constructor(
    private readonly connection: TransactionalConnection,
    private readonly metrics: RecommendationsMetrics,
    private readonly recommendations: RecommendationRepository,
    private readonly series: GpuSeriesSource,
  ) {}

  async evaluate(now: Date): Promise<EvaluationSummary> {
    const from = new Date(now.getTime() - RECOMMENDATION_WINDOW_MS);
    const devices = await this.series.devices();
    const evaluated = new Map<string, Finding[]>();
    const skipped = new Set<string>();
    const outcomes: DeviceOutcome[] = [];
    for (const device of devices) {
      const outcome = await this.evaluateOne(device, from, now);
      outcomes.push(outcome.summary);
      if (outcome.findings === null) {
        skipped.add(device.id);
      } else {
        evaluated.set(device.id, outcome.findings);
      }
    }
    // Reading the series happens before the lock; only the short write phase is serialised across instances.
    const plan = await this.connection.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [RECOMMENDATIONS_LOCK_KEY]);
      const planned = planReconcile(await this.recommendations.findUnresolved(), evaluated, skipped);
      for (const { deviceId, finding } of planned.open) {
        await this.recommendations.insertOpen(deviceId, finding, now);
      }
      for (const { id, finding } of planned.refresh) {
        await this.recommendations.refresh(id, finding, now);
      }
      await this.recommendations.resolve(planned.resolve, now);
      return planned;
    });
    this.metrics.setOpen(await this.recommendations.countOpen());
    return {
      evaluatedAt: now.toISOString(),
      window: { from: from.toISOString(), to: now.toISOString() },
      devices: outcomes,
      opened: plan.open.length,
      refreshed: plan.refresh.length,
      resolved: plan.resolve.length,
    };
  }

  private async evaluateOne(device: DeviceRef, from: Date, to: Date): Promise<{ findings: Finding[] | null; summary: DeviceOutcome }> {
    const base = { deviceId: device.id, uuid: device.uuid };
    try {
      const [minutes, xidCounts] = await Promise.all([this.series.minutes(device.id, from, to), this.series.xidCounts(device.id, from, to)]);
      const findings = evaluateDevice({ device, minutes, xidCounts, window: { from, to } });
      const utilizationJudged = !findings.some((finding) => finding.rule === 'mig-not-judged');
      return { findings, summary: { ...base, utilizationJudged, findings: findings.map((finding) => finding.rule) } };
    } catch (error) {
      const message = (error as Error).message;
      this.logger.warn(`GPU ${device.uuid}: series unreadable, its recommendations are kept as they were: ${message}`);
      return { findings: null, summary: { ...base, utilizationJudged: false, findings: [], error: message } };
    }
  }
}
