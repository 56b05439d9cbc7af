import type { AlertRuleEntity } from '../entities/alert-rule.entity.js';
import type { AlertEntity } from '../entities/alert.entity.js';
import type { NotificationChannelEntity } from '../entities/notification-channel.entity.js';
import type { SilenceEntity } from '../entities/silence.entity.js';

const iso = (date: Date | null): string | null => date?.toISOString() ?? null;

export type AlertRuleView = Omit<AlertRuleEntity, 'createdAt' | 'updatedAt'> & { createdAt: string; updatedAt: string };

export function toRuleView(rule: AlertRuleEntity): AlertRuleView {
  return { ...rule, createdAt: rule.createdAt.toISOString(), updatedAt: rule.updatedAt.toISOString() };
}

export interface AlertView {
  id: string;
  ruleId: string;
  fingerprint: string;
  state: AlertEntity['state'];
  value: number | null;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  activeAt: string;
  firedAt: string | null;
  resolvedAt: string | null;
  lastEvaluatedAt: string;
  lastNotifiedAt: string | null;
  /** Whether an active silence mutes it (it is still evaluated and listed, only not notified). */
  silenced: boolean;
  silencedBy: string[];
}

export function toAlertView(alert: AlertEntity, silencedBy: string[]): AlertView {
  return {
    id: alert.id,
    ruleId: alert.ruleId,
    fingerprint: alert.fingerprint,
    state: alert.state,
    value: alert.value,
    labels: alert.labels,
    annotations: alert.annotations,
    activeAt: alert.activeAt.toISOString(),
    firedAt: iso(alert.firedAt),
    resolvedAt: iso(alert.resolvedAt),
    lastEvaluatedAt: alert.lastEvaluatedAt.toISOString(),
    lastNotifiedAt: iso(alert.lastNotifiedAt),
    silenced: silencedBy.length > 0,
    silencedBy,
  };
}

export interface SilenceView {
  id: string;
  matchers: SilenceEntity['matchers'];
  startsAt: string;
  endsAt: string;
  createdBy: string;
  comment: string;
  createdAt: string;
  status: 'pending' | 'active' | 'expired';
}

export function toSilenceView(silence: SilenceEntity, now: Date): SilenceView {
  const status = now.getTime() < silence.startsAt.getTime() ? 'pending' : now.getTime() < silence.endsAt.getTime() ? 'active' : 'expired';
  return {
    id: silence.id,
    matchers: silence.matchers,
    startsAt: silence.startsAt.toISOString(),
    endsAt: silence.endsAt.toISOString(),
    createdBy: silence.createdBy,
    comment: silence.comment,
    createdAt: silence.createdAt.toISOString(),
    status,
  };
}

/** Never the target itself: URLs and tokens are secrets; the description holds the host or a recipient count. */
export interface ChannelView {
  id: string;
  name: string;
  kind: NotificationChannelEntity['kind'];
  description: string;
  createdAt: string;
}

export function toChannelView(channel: NotificationChannelEntity): ChannelView {
  return { id: channel.id, name: channel.name, kind: channel.kind, description: channel.description, createdAt: channel.createdAt.toISOString() };
}
