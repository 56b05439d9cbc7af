import { AppConfig } from '@app/config';
import { Injectable } from '@nestjs/common';

import { MonitoringException, MonitoringExceptionCode } from '../monitoring.exception.js';
import { formatAlertmanagerPayload } from './format/alertmanager-payload.js';
import { formatDiscordMessage } from './format/discord-message.js';
import { formatSlackMessage } from './format/slack-message.js';
import type { AlertGroupNotification, ChannelTarget } from './notification.types.js';
import { TargetGuard } from './target/target-guard.js';
import { HttpPoster, type HttpPostResponse } from './transport/http-poster.js';

export type HttpTarget = Exclude<ChannelTarget, { kind: 'email' }>;

const RECEIVER_NAMES: Record<HttpTarget['kind'], string> = { webhook: 'The webhook receiver', slack: 'Slack', discord: 'Discord' };

/** Webhook, Slack and Discord: format, re-check the target, post to the checked address, judge the answer. */
@Injectable()
export class HttpChannelSender {
  constructor(
    private readonly config: AppConfig,
    private readonly guard: TargetGuard,
    private readonly poster: HttpPoster,
  ) {}

  async send(target: HttpTarget, notification: AlertGroupNotification): Promise<void> {
    // Checked again at every send: DNS may point elsewhere now than when the channel was saved.
    const { url, addresses } = await this.guard.checkUrl(target.url, MonitoringExceptionCode.NOTIFICATION_FAILED);
    const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'Bulwark-Alerts/1' };
    if (target.kind === 'webhook' && target.bearerToken) {
      headers.authorization = `Bearer ${target.bearerToken}`;
    }
    const body = JSON.stringify(payloadFor(target, notification));
    const name = RECEIVER_NAMES[target.kind];
    let response: HttpPostResponse;
    try {
      response = await this.poster.post({ url, addresses, headers, body, timeoutMs: this.config.monitoring.alerts.notifyTimeoutMs });
    } catch (error) {
      // Node's network errors name host and port at most, never the path, but only the reason is kept anyway.
      throw new MonitoringException(MonitoringExceptionCode.NOTIFICATION_FAILED, `${name} could not be reached: ${this.reason(error)}.`);
    }
    if (response.status < 200 || response.status >= 300) {
      throw new MonitoringException(MonitoringExceptionCode.NOTIFICATION_FAILED, `${name} answered HTTP ${response.status}${shortReason(response.body)}.`);
    }
  }

  private reason(error: unknown): string {
    const failure = (error ?? {}) as { name?: string; code?: string; cause?: { name?: string } };
    if (failure.name === 'TimeoutError' || failure.cause?.name === 'TimeoutError') {
      return `no answer within ${this.config.monitoring.alerts.notifyTimeoutMs} ms`;
    }
    return failure.code ?? failure.name ?? 'connection failed';
  }
}

function payloadFor(target: HttpTarget, notification: AlertGroupNotification): object {
  switch (target.kind) {
    case 'webhook':
      return formatAlertmanagerPayload(notification);
    case 'slack':
      return formatSlackMessage(notification);
    case 'discord':
      return formatDiscordMessage(notification);
  }
}

/** Slack answers errors as one token (`invalid_payload`, `no_service`); anything longer might echo the request. */
function shortReason(body: string): string {
  const token = body.trim();
  return /^[a-z_]{1,64}$/.test(token) ? ` (${token})` : '';
}
