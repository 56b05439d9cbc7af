import { Injectable } from '@nestjs/common';

import { TransactionalConnection } from '../transactional-connection.js';
import { JobProgressEntity } from './job-progress.entity.js';

@Injectable()
export class JobProgressRepository {
  constructor(private readonly connection: TransactionalConnection) {}

  async record(jobId: string, queue: string, percent: number, message: string | null): Promise<void> {
    await this.connection
      .getRepository(JobProgressEntity)
      .upsert({ jobId, queue, percent: Math.max(0, Math.min(100, Math.round(percent))), message: message?.slice(0, 500) ?? null, updatedAt: new Date() }, ['jobId']);
  }

  findByJobId(jobId: string): Promise<JobProgressEntity | null> {
    return this.connection.getRepository(JobProgressEntity).findOneBy({ jobId });
  }
}
