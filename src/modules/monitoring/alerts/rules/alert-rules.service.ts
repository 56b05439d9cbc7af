import { Injectable } from '@nestjs/common';

import { randomUUID } from 'node:crypto';

import { MonitoringException, MonitoringExceptionCode } from '../../monitoring.exception.js';
import { SIGNAL_AGGREGATIONS, SignalReader } from '../../signals/signal.types.js';
import { NotificationChannelRepository } from '../channels/notification-channel.repository.js';
import { signalQueryOf } from '../engine/alert-labels.js';
import { conditionHolds } from '../engine/alert-state.js';
import type { AlertRuleEntity } from '../entities/alert-rule.entity.js';
import { AlertRuleRepository } from './alert-rule.repository.js';
import type { RuleInput } from './rule-input.js';
import { ruleProblems } from './rule-problems.js';

/** Fields a PATCH may clear with `null`; the others keep a value once set. */
const NULLABLE = new Set(['route', 'method', 'metric', 'repeatIntervalMs']);

/** Rule CRUD; a rule is checked as a whole (signal, aggregation, route, metric, channels) on every write. */
@Injectable()
export class AlertRulesService {
  constructor(
    private readonly channels: NotificationChannelRepository,
    private readonly rules: AlertRuleRepository,
    private readonly signals: SignalReader,
  ) {}

  /** The rule's signal now and whether its condition holds (null: no data), without touching any alert. */
  async preview(id: string): Promise<{ value: number | null; conditionHolds: boolean | null }> {
    const rule = await this.rules.getByIdOrThrow(id);
    const value = await this.signals.read(signalQueryOf(rule));
    return { value, conditionHolds: conditionHolds(value, rule.comparator, rule.threshold) };
  }

  async create(input: RuleInput): Promise<AlertRuleEntity> {
    const now = new Date();
    const rule: AlertRuleEntity = {
      id: randomUUID(),
      name: input.name ?? '',
      signal: input.signal ?? 'metric',
      aggregation: input.aggregation ?? SIGNAL_AGGREGATIONS[input.signal ?? 'metric'][0]!,
      window: input.window ?? '5m',
      route: input.route ?? null,
      method: input.method?.toUpperCase() ?? null,
      metric: input.metric ?? null,
      metricLabels: input.metricLabels ?? {},
      comparator: input.comparator ?? '>',
      threshold: input.threshold ?? 0,
      forMs: input.forMs ?? 0,
      severity: input.severity ?? 'warning',
      labels: input.labels ?? {},
      annotations: input.annotations ?? {},
      channelIds: [...new Set(input.channelIds ?? [])],
      repeatIntervalMs: input.repeatIntervalMs ?? null,
      enabled: input.enabled ?? true,
      createdAt: now,
      updatedAt: now,
    };
    await this.check(rule);
    return this.rules.insert(rule);
  }

  async update(id: string, input: RuleInput): Promise<AlertRuleEntity> {
    const nulled = Object.entries(input).filter(([field, value]) => value === null && !NULLABLE.has(field));
    if (nulled.length > 0) {
      throw new MonitoringException(MonitoringExceptionCode.INVALID_RULE, 'Only route, method, metric and repeatIntervalMs can be cleared with null.', {
        errors: nulled.map(([field]) => ({ field, message: 'cannot be null' })),
      });
    }
    const existing = await this.rules.getByIdOrThrow(id);
    const signalChanged = input.signal !== undefined && input.signal !== existing.signal;
    const merged: AlertRuleEntity = {
      ...existing,
      ...Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)),
      updatedAt: new Date(),
    };
    if (signalChanged && input.aggregation === undefined) {
      merged.aggregation = SIGNAL_AGGREGATIONS[merged.signal][0]!;
    }
    merged.method = merged.method?.toUpperCase() ?? null;
    merged.channelIds = [...new Set(merged.channelIds)];
    await this.check(merged);
    return this.rules.save(merged);
  }

  private async check(rule: AlertRuleEntity): Promise<void> {
    const problems = ruleProblems(rule);
    const found = await this.channels.findByIds(rule.channelIds);
    const missing = rule.channelIds.filter((id) => !found.some((channel) => channel.id === id));
    problems.push(...missing.map((id) => ({ field: 'channelIds', message: `no notification channel ${id}` })));
    if (problems.length > 0) {
      throw new MonitoringException(MonitoringExceptionCode.INVALID_RULE, `Invalid alert rule: ${[...new Set(problems.map((p) => p.field))].join(', ')}.`, {
        errors: problems,
      });
    }
  }
}
