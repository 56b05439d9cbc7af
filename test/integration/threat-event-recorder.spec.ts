import { CommonModule } from '@app/common';
import { AppConfig, ConfigModule } from '@app/config';
import { testConfig, testDatabase, type TestDatabase } from '@app/testing';
import { EventEmitter2, EventEmitterModule } from '@nestjs/event-emitter';
import { Test, type TestingModule } from '@nestjs/testing';
import pg from 'pg';

import { DatabaseModule, TransactionalConnection } from '../../src/modules/database/index.js';
import { SecurityEvents, type AuditRecordEvent, type ThreatDetectedEvent } from '../../src/modules/security/index.js';
import { ThreatEventRecorder } from '../../src/modules/threat/events/threat-event-recorder.service.js';
import { ThreatEventEntity } from '../../src/modules/threat/events/threat-event.entity.js';
import { ThreatEventRepository } from '../../src/modules/threat/events/threat-event.repository.js';
import type { ThreatDetection } from '../../src/modules/threat/events/threat-event.js';
import { ThreatEngine } from '../../src/modules/threat/threat-engine.service.js';
import { ThreatMetrics } from '../../src/modules/threat/threat.metrics.js';
import { SCHEMA } from '../../src/schema.js';
import { TcpProxy, viaPort } from '../support/tcp-proxy.js';
import { waitFor } from '../support/wait-for.js';

const detection: ThreatDetection = {
  ip: '203.0.113.9',
  method: 'GET',
  route: '/v1/items/:id',
  action: 'blocked',
  classes: ['sqli'],
  score: 5,
  matches: [{ ruleId: 'sqli-001', class: 'sqli', kind: 'sqli', severity: 'critical', location: 'query.q', fragment: "' or 1=1" }],
  principal: 'key:7f0c',
  requestId: 'req-1',
};

describe('ThreatEventRecorder against PostgreSQL', () => {
  let db: TestDatabase;
  let proxy: TcpProxy;
  let moduleRef: TestingModule;
  let recorder: ThreatEventRecorder;
  let closed = false;
  const audits: AuditRecordEvent[] = [];
  const threats: ThreatDetectedEvent[] = [];

  const rows = (): Promise<ThreatEventEntity[]> => moduleRef.get(TransactionalConnection).getRepository(ThreatEventEntity).find();

  beforeEach(async () => {
    db = await testDatabase();
    const target = new URL(db.url);
    proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
    const url = viaPort(db.url, await proxy.start());
    moduleRef = await Test.createTestingModule({
      imports: [CommonModule, ConfigModule, DatabaseModule.forRoot(SCHEMA), EventEmitterModule.forRoot()],
      providers: [ThreatEngine, ThreatEventRecorder, ThreatEventRepository, ThreatMetrics],
    })
      .overrideProvider(AppConfig)
      .useValue(testConfig({ DATABASE_URL: url, DATABASE_ACQUIRE_TIMEOUT_MS: '500' }))
      .compile();
    await moduleRef.init();
    closed = false;
    recorder = moduleRef.get(ThreatEventRecorder);
    audits.length = 0;
    threats.length = 0;
    moduleRef.get(EventEmitter2).on(SecurityEvents.AUDIT, (event: AuditRecordEvent) => audits.push(event));
    moduleRef.get(EventEmitter2).on(SecurityEvents.THREAT_DETECTED, (event: ThreatDetectedEvent) => threats.push(event));
  });

  afterEach(async () => {
    if (!closed) {
      await moduleRef.close();
    }
    await proxy.stop();
    await db.drop();
  });

  it('writes one row per kind with the folded count, one audit record per row and a threat event per request', async () => {
    const id = recorder.record(detection);
    expect(recorder.record({ ...detection, score: 9, requestId: 'req-2' })).toBe(id);
    await recorder.flush();
    expect(await rows()).toEqual([expect.objectContaining({ id, count: 2, score: 9, ip: '203.0.113.9', classes: ['sqli'], requestId: 'req-1' })]);
    expect(threats).toEqual([
      expect.objectContaining({ ip: '203.0.113.9', category: 'sqli', blocked: true, requestId: 'req-1' }),
      expect.objectContaining({ score: 9, requestId: 'req-2' }),
    ]);
    expect(audits).toEqual([
      expect.objectContaining({ action: 'threat.blocked', outcome: 'denied', actorType: 'api-key', actorId: '7f0c', metadata: expect.objectContaining({ eventId: id, rules: ['sqli-001@query.q'] }) }),
    ]);
    // Never the matched text in the audit log.
    expect(JSON.stringify(audits)).not.toContain('1=1');
  });

  it('keeps detections while PostgreSQL is down and writes them, counts intact, once it is back', async () => {
    const id = recorder.record(detection);
    await recorder.flush();
    await proxy.stop();
    recorder.record(detection);
    recorder.record(detection);
    await recorder.flush();
    await proxy.start();
    // The pool may need a moment (and its breaker a half-open probe) to reach the server again; the recorder keeps
    // what it holds and tries on every flush, so flush until the write lands.
    await waitFor(async () => {
      await recorder.flush();
      return (await rows())[0]?.count === 3;
    }, 'the pending detections to be written after PostgreSQL came back');
    expect(await rows()).toEqual([expect.objectContaining({ id, count: 3 })]);
  });

  it('writes what is pending when the application shuts down', async () => {
    const id = recorder.record(detection);
    await moduleRef.close();
    closed = true;
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const result = await client.query<{ count: number }>('SELECT count FROM threat_events WHERE id = $1', [id]);
      expect(result.rows).toEqual([{ count: 1 }]);
    } finally {
      await client.end();
    }
  });
});
