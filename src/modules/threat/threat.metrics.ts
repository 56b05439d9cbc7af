import { MetricsRegistry } from '@app/common';
import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram } from 'prom-client';

import type { CapKind } from './engine/inspection-caps.util.js';
import type { ThreatClass } from './engine/index.js';
import { ThreatEngine } from './threat-engine.service.js';

export type ThreatAction = 'blocked' | 'detected';

/** The guard's metrics: detections by class and action, inspection time, caps hit and events shed. */
@Injectable()
export class ThreatMetrics {
  private readonly detections: Counter<'class' | 'action'>;
  private readonly duration: Histogram;
  private readonly caps: Counter<'cap'>;
  private readonly eventsDropped: Counter;
  private readonly eventWriteFailures: Counter;

  constructor(registry: MetricsRegistry, engine: ThreatEngine) {
    this.detections = new Counter({
      name: 'bulwark_threat_detections_total',
      help: 'Requests that reached the blocking score, once per attack class found in them, by what the guard did.',
      labelNames: ['class', 'action'],
      registers: [registry],
    });
    this.duration = new Histogram({
      name: 'bulwark_threat_inspection_duration_seconds',
      help: 'Time the threat guard spent inspecting one request.',
      buckets: [0.000_01, 0.000_025, 0.000_05, 0.000_1, 0.000_25, 0.000_5, 0.001, 0.005, 0.025],
      registers: [registry],
    });
    this.caps = new Counter({
      name: 'bulwark_threat_caps_exceeded_total',
      help: 'Requests that ran into an inspection cap (field size, total size, field count, depth), by cap.',
      labelNames: ['cap'],
      registers: [registry],
    });
    this.eventsDropped = new Counter({
      name: 'bulwark_threat_events_dropped_total',
      help: 'Detections not recorded in threat_events because the pending buffer was full (database down under a flood).',
      registers: [registry],
    });
    let counted = { hits: 0, misses: 0 };
    new Counter({
      name: 'bulwark_threat_memo_lookups_total',
      help: 'Values looked up in the inspection memo, by result (hit: not inspected again).',
      labelNames: ['result'],
      registers: [registry],
      collect() {
        const { hits, misses } = engine.memoStats();
        this.inc({ result: 'hit' }, hits - counted.hits);
        this.inc({ result: 'miss' }, misses - counted.misses);
        counted = { hits, misses };
      },
    });
    new Gauge({
      name: 'bulwark_threat_memo_entries',
      help: 'Values whose inspection result is remembered (up to THREAT_MEMO_ENTRIES per paranoia level in use).',
      registers: [registry],
      collect() {
        this.set(engine.memoStats().entries);
      },
    });
    this.eventWriteFailures = new Counter({
      name: 'bulwark_threat_event_write_failures_total',
      help: 'Failed flushes of threat_events; the rows stay pending and are retried.',
      registers: [registry],
    });
  }

  detected(classes: Iterable<ThreatClass>, action: ThreatAction): void {
    for (const threatClass of classes) {
      this.detections.inc({ class: threatClass, action });
    }
  }

  inspected(seconds: number): void {
    this.duration.observe(seconds);
  }

  capsExceeded(caps: Iterable<CapKind>): void {
    for (const cap of caps) {
      this.caps.inc({ cap });
    }
  }

  eventDropped(): void {
    this.eventsDropped.inc();
  }

  eventWriteFailed(): void {
    this.eventWriteFailures.inc();
  }
}
