import { MetricsRegistry } from '@app/common';
import { AppConfig } from '@app/config';
import { Module } from '@nestjs/common';

import { AuditController } from './audit.controller.js';
import { PrometheusAuditMetrics } from './audit-metrics.js';
import { AuditQueryService } from './audit-query.service.js';
import { AuditRepository } from './audit.repository.js';
import { AuditService } from './audit.service.js';
import { AuditVerifier } from './audit-verifier.service.js';
import { AuditWriter } from './audit-writer.js';

function createAuditWriter(repository: AuditRepository, config: AppConfig, registry: MetricsRegistry): AuditWriter {
  const metrics = new PrometheusAuditMetrics(registry);
  const writer = new AuditWriter(repository, config.audit, metrics);
  metrics.observeBuffered(() => writer.buffered);
  return writer;
}

/** The append-only, hash-chained audit log: batching writer, event listener, query, export, verify and ingest. */
@Module({
  controllers: [AuditController],
  exports: [AuditService],
  providers: [
    AuditQueryService,
    AuditRepository,
    AuditService,
    AuditVerifier,
    { inject: [AuditRepository, AppConfig, MetricsRegistry], provide: AuditWriter, useFactory: createAuditWriter },
  ],
})
export class AuditModule {}
