import type { AlertGroupNotification, AlertStatus } from '../notification.types.js';

/** One alert of the webhook payload: `NotifiedAlert` without our `value`, which Alertmanager does not send. */
export interface AlertmanagerWebhookAlert {
  status: AlertStatus;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  generatorURL: string;
  fingerprint: string;
}

/**
 * The body Alertmanager's webhook integration posts (notify/webhook/webhook.go `Message`: template.Data, then
 * version, groupKey, truncatedAlerts), key for key and in the same order, so receivers written for it just work.
 */
export interface AlertmanagerWebhookPayload {
  receiver: string;
  status: AlertStatus;
  alerts: AlertmanagerWebhookAlert[];
  groupLabels: Record<string, string>;
  commonLabels: Record<string, string>;
  commonAnnotations: Record<string, string>;
  externalURL: string;
  version: '4';
  groupKey: string;
  truncatedAlerts: number;
}

export function formatAlertmanagerPayload(notification: AlertGroupNotification): AlertmanagerWebhookPayload {
  return {
    receiver: notification.receiver,
    status: notification.status,
    alerts: notification.alerts.map((alert) => ({
      status: alert.status,
      labels: { ...alert.labels },
      annotations: { ...alert.annotations },
      startsAt: alert.startsAt,
      endsAt: alert.endsAt,
      generatorURL: alert.generatorURL,
      fingerprint: alert.fingerprint,
    })),
    groupLabels: { ...notification.groupLabels },
    commonLabels: { ...notification.commonLabels },
    commonAnnotations: { ...notification.commonAnnotations },
    externalURL: notification.externalURL,
    version: '4',
    groupKey: notification.groupKey,
    truncatedAlerts: notification.truncatedAlerts,
  };
}
