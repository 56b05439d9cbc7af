/** Where a notification goes. Secrets (URLs of Slack/Discord webhooks, bearer tokens) are encrypted at rest. */
export const CHANNEL_KINDS = ['webhook', 'slack', 'discord', 'email'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export type ChannelTarget =
  | { kind: 'webhook'; url: string; bearerToken?: string }
  | { kind: 'slack'; url: string }
  | { kind: 'discord'; url: string }
  | { kind: 'email'; to: string[] };

export type AlertStatus = 'firing' | 'resolved';

/** One alert as Alertmanager's webhook v4 payload carries it. */
export interface NotifiedAlert {
  status: AlertStatus;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** ISO-8601. */
  startsAt: string;
  /** ISO-8601; `0001-01-01T00:00:00Z` while firing, as Alertmanager sends. */
  endsAt: string;
  generatorURL: string;
  fingerprint: string;
  /** The signal's value at the last evaluation. */
  value: number | null;
}

/** One notification about one alert group: the fields of Alertmanager's webhook payload (version "4"). */
export interface AlertGroupNotification {
  receiver: string;
  status: AlertStatus;
  groupKey: string;
  groupLabels: Record<string, string>;
  commonLabels: Record<string, string>;
  commonAnnotations: Record<string, string>;
  externalURL: string;
  alerts: NotifiedAlert[];
  truncatedAlerts: number;
}

/** Sends notifications; adapters per channel kind sit behind it (injectable so tests can see what was sent). */
export abstract class AlertNotifier {
  /** Refuses a target that cannot work: a webhook host that is loopback/private/link-local and not allowlisted, email without SMTP. */
  abstract checkTarget(target: ChannelTarget): Promise<void>;
  /** Delivers one notification; throws MonitoringException(NOTIFICATION_FAILED) when the receiver refuses or times out. */
  abstract send(target: ChannelTarget, notification: AlertGroupNotification): Promise<void>;
}
