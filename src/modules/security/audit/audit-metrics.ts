import { MetricsRegistry } from '@app/common';
import { Counter, Gauge } from 'prom-client';

import type { AuditShedReason, AuditWriterMetrics } from './audit-writer.js';

/** The audit writer's metrics in the app registry: written, shed (by reason), failed writes, and what is buffered. */
export class PrometheusAuditMetrics implements AuditWriterMetrics {
  private readonly writtenTotal: Counter;
  private readonly shedTotal: Counter<'reason'>;
  private readonly failuresTotal: Counter;
  private buffered: () => number = () => 0;

  constructor(registry: MetricsRegistry) {
    this.writtenTotal = new Counter({
      name: 'bulwark_security_audit_events_written_total',
      help: 'Audit events written to the chain by the batching writer.',
      registers: [registry],
    });
    this.shedTotal = new Counter({
      name: 'bulwark_security_audit_events_shed_total',
      help: 'Audit events dropped without being written: buffer overflow during an outage, or unwritable at shutdown.',
      labelNames: ['reason'],
      registers: [registry],
    });
    this.failuresTotal = new Counter({
      name: 'bulwark_security_audit_write_failures_total',
      help: 'Failed batch writes of the audit writer (each is retried with backoff).',
      registers: [registry],
    });
    const buffered = (): number => this.buffered();
    new Gauge({
      name: 'bulwark_security_audit_buffered_events',
      help: 'Audit events waiting in memory to be written.',
      registers: [registry],
      collect() {
        this.set(buffered());
      },
    });
  }

  /** Where the buffered gauge reads from (the writer, created after its metrics). */
  observeBuffered(source: () => number): void {
    this.buffered = source;
  }

  written(count: number): void {
    this.writtenTotal.inc(count);
  }

  shed(count: number, reason: AuditShedReason): void {
    this.shedTotal.inc({ reason }, count);
  }

  writeFailed(): void {
    this.failuresTotal.inc();
  }
}
