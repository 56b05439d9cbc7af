import type { Page } from '@app/common';
import { Injectable } from '@nestjs/common';
import { MoreThan, type Repository } from 'typeorm';

import { TransactionalConnection } from '../../../database/index.js';
import { MonitoringException, MonitoringExceptionCode } from '../../monitoring.exception.js';
import { SilenceEntity } from '../entities/silence.entity.js';
import { keysetPage, UUID } from '../keyset-page.util.js';

@Injectable()
export class SilenceRepository {
  constructor(private readonly connection: TransactionalConnection) {}

  private get rows(): Repository<SilenceEntity> {
    return this.connection.getRepository(SilenceEntity);
  }

  async insert(silence: SilenceEntity): Promise<SilenceEntity> {
    await this.rows.insert(silence);
    return this.getByIdOrThrow(silence.id);
  }

  async getByIdOrThrow(id: string): Promise<SilenceEntity> {
    const silence = UUID.test(id) ? await this.rows.findOneBy({ id }) : null;
    if (silence === null) {
      throw new MonitoringException(MonitoringExceptionCode.SILENCE_NOT_FOUND, `No silence ${id}.`);
    }
    return silence;
  }

  /** Silences not yet ended; the caller checks which have started (pending ones may start before the next tick). */
  findUnexpired(now: Date): Promise<SilenceEntity[]> {
    return this.rows.findBy({ endsAt: MoreThan(now) });
  }

  listPage(limit: number, cursor?: string): Promise<Page<SilenceEntity>> {
    return keysetPage(this.rows.createQueryBuilder('silence'), 'createdAt', limit, cursor);
  }

  /** Ends it now (a silence is expired, never deleted, so what was muted stays explainable). */
  async expire(silence: SilenceEntity, now: Date): Promise<SilenceEntity> {
    const startsAt = silence.startsAt.getTime() > now.getTime() ? now : silence.startsAt;
    await this.rows.update({ id: silence.id }, { startsAt, endsAt: now });
    return this.getByIdOrThrow(silence.id);
  }
}
