import { MetricsRegistry } from '@app/common';
import { Injectable } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';

import { IpBlockList } from './ip-block-list.service.js';

export type AutoBlockTrigger = 'threat' | 'login';

/** The block list's metrics: refused requests, entries held, automatic blocks, sync trouble. */
@Injectable()
export class IpBlocksMetrics {
  private readonly rejected: Counter;
  private readonly autoCreated: Counter<'trigger'>;
  private readonly syncFailures: Counter<'operation'>;

  constructor(list: IpBlockList, registry: MetricsRegistry) {
    this.rejected = new Counter({
      name: 'bulwark_security_ip_blocks_rejected_requests_total',
      help: 'Requests refused because the client address is blocked.',
      registers: [registry],
    });
    this.autoCreated = new Counter({
      name: 'bulwark_security_ip_blocks_auto_created_total',
      help: 'Automatic blocks created, by what triggered them (threat detections, failed logins).',
      labelNames: ['trigger'],
      registers: [registry],
    });
    this.syncFailures = new Counter({
      name: 'bulwark_security_ip_blocks_sync_failures_total',
      help: 'Failed block-list syncs (reload from PostgreSQL, publish or apply over Redis); the next reload converges.',
      labelNames: ['operation'],
      registers: [registry],
    });
    new Gauge({
      name: 'bulwark_security_ip_blocks_loaded_entries',
      help: 'Blocks held by this instance\'s matcher (expired ones leave at the next reload).',
      registers: [registry],
      collect() {
        this.set(list.size);
      },
    });
  }

  requestRejected(): void {
    this.rejected.inc();
  }

  autoBlockCreated(trigger: AutoBlockTrigger): void {
    this.autoCreated.inc({ trigger });
  }

  syncFailed(operation: 'reload' | 'publish' | 'apply' | 'count'): void {
    this.syncFailures.inc({ operation });
  }
}
