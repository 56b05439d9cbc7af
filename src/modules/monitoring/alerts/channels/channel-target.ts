import type { FieldError } from '@app/common';

import { MonitoringException, MonitoringExceptionCode } from '../../monitoring.exception.js';
import type { ChannelKind, ChannelTarget } from '../../notify/notification.types.js';

/** What the API may show of a target: the host of a URL (Slack and Discord URLs carry their secret in the path). */
export function describeTarget(target: ChannelTarget): string {
  switch (target.kind) {
    case 'webhook':
    case 'slack':
    case 'discord':
      return new URL(target.url).host;
    case 'email':
      return `${target.to.length} recipient${target.to.length === 1 ? '' : 's'}`;
  }
}

/** A stored target read back; anything else means the row was not written by this module. */
export function parseTarget(json: string): ChannelTarget {
  return JSON.parse(json) as ChannelTarget;
}

export interface ChannelInput {
  kind: ChannelKind;
  url?: string;
  bearerToken?: string;
  to?: string[];
}

/** The target a request describes; fields of another kind are refused rather than silently dropped. */
export function targetFromInput(input: ChannelInput): ChannelTarget {
  const problems: FieldError[] = [];
  const refuse = (field: keyof ChannelInput, present: boolean): void => {
    if (present) {
      problems.push({ field, message: `${input.kind} channels take no ${field}` });
    }
  };
  refuse('url', input.kind === 'email' && input.url !== undefined);
  refuse('to', input.kind !== 'email' && input.to !== undefined);
  refuse('bearerToken', input.kind !== 'webhook' && input.bearerToken !== undefined);
  if (problems.length > 0) {
    throw new MonitoringException(MonitoringExceptionCode.INVALID_CHANNEL, `Invalid ${input.kind} channel.`, { errors: problems });
  }
  switch (input.kind) {
    case 'webhook':
      return { kind: 'webhook', url: input.url!, ...(input.bearerToken !== undefined && { bearerToken: input.bearerToken }) };
    case 'slack':
    case 'discord':
      return { kind: input.kind, url: input.url! };
    case 'email':
      return { kind: 'email', to: input.to! };
  }
}
