import { waitFor } from '../wait-for.js';
import type { WebhookReceiver } from '../webhook-receiver.js';

export interface AlertPayload {
  version: string;
  status: 'firing' | 'resolved';
  receiver: string;
  groupKey: string;
  groupLabels: Record<string, string>;
  commonLabels: Record<string, string>;
  alerts: Array<{ status: string; labels: Record<string, string>; annotations: Record<string, string>; startsAt: string; endsAt: string; fingerprint: string; generatorURL: string }>;
}

/** The Alertmanager payloads a receiver got about one rule's group (its alertname), oldest first, refused ones included. */
export function notificationsAbout(receiver: WebhookReceiver, alertname: string): AlertPayload[] {
  return receiver.received.map((request) => request.json as AlertPayload | undefined).filter((payload): payload is AlertPayload => payload?.groupLabels.alertname === alertname);
}

/** Resolves with every payload about the group once `count` of them have the given status. */
export async function waitForNotifications(receiver: WebhookReceiver, alertname: string, status: 'firing' | 'resolved', count = 1): Promise<AlertPayload[]> {
  await waitFor(() => notificationsAbout(receiver, alertname).filter((p) => p.status === status).length >= count, `${count} ${status} notification(s) about ${alertname}`, 15_000);
  return notificationsAbout(receiver, alertname);
}
