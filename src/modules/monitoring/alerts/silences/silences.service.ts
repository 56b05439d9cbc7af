import { Injectable } from '@nestjs/common';

import { randomUUID } from 'node:crypto';

import { MonitoringException, MonitoringExceptionCode } from '../../monitoring.exception.js';
import { AlertClock } from '../alert-clock.js';
import type { SilenceEntity, SilenceMatcher } from '../entities/silence.entity.js';
import { SilenceRepository } from './silence.repository.js';

export interface SilenceInput {
  matchers: SilenceMatcher[];
  startsAt?: Date;
  endsAt: Date;
  comment?: string;
}

@Injectable()
export class SilencesService {
  constructor(
    private readonly clock: AlertClock,
    private readonly silences: SilenceRepository,
  ) {}

  async create(input: SilenceInput, createdBy: string): Promise<SilenceEntity> {
    const now = this.clock.now();
    const startsAt = input.startsAt ?? now;
    if (input.endsAt.getTime() <= startsAt.getTime() || input.endsAt.getTime() <= now.getTime()) {
      throw new MonitoringException(MonitoringExceptionCode.INVALID_SILENCE, 'A silence must end after it starts, and in the future.', {
        errors: [{ field: 'endsAt', message: 'must be after startsAt and in the future' }],
      });
    }
    // Alertmanager's guard: a silence whose matchers all match the empty string would mute every alert.
    if (input.matchers.every((matcher) => (matcher.isEqual ? matcher.value === '' : matcher.value !== ''))) {
      throw new MonitoringException(MonitoringExceptionCode.INVALID_SILENCE, 'At least one matcher must need a label to be set.', {
        errors: [{ field: 'matchers', message: 'every matcher matches alerts without the label; this would silence everything' }],
      });
    }
    return this.silences.insert({ id: randomUUID(), matchers: input.matchers, startsAt, endsAt: input.endsAt, createdBy, comment: input.comment ?? '', createdAt: now });
  }

  async expire(id: string): Promise<SilenceEntity> {
    const silence = await this.silences.getByIdOrThrow(id);
    const now = this.clock.now();
    return silence.endsAt.getTime() <= now.getTime() ? silence : this.silences.expire(silence, now);
  }
}
