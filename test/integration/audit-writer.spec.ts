import { MetricsRegistry } from '@app/common';
import { testDatabase, type TestDatabase } from '@app/testing';
import type { TestingModule } from '@nestjs/testing';
import pg from 'pg';

import { DatabaseExceptionCode, mapPostgresError } from '../../src/modules/database/index.js';
import { AuditService } from '../../src/modules/security/audit/audit.service.js';
import { AuditVerifier } from '../../src/modules/security/audit/audit-verifier.service.js';
import { AuditWriter } from '../../src/modules/security/audit/audit-writer.js';
import type { Principal } from '../../src/modules/security/auth/principal.js';
import { Scope, Tier } from '../../src/modules/security/security.constants.js';
import { createAuditModule } from '../support/audit-module.js';
import { TcpProxy, viaPort } from '../support/tcp-proxy.js';
import { waitFor } from '../support/wait-for.js';

/** The `n` of every stored event, read on a connection straight to PostgreSQL (not through the proxy). */
async function storedNumbers(db: TestDatabase): Promise<number[]> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const result = await client.query<{ n: number }>(`SELECT (metadata->>'n')::int AS n FROM audit_events ORDER BY sequence`);
    return result.rows.map((row) => row.n);
  } finally {
    await client.end();
  }
}

async function counterValue(moduleRef: TestingModule, name: string): Promise<number> {
  const metric = await moduleRef.get(MetricsRegistry).getSingleMetric(name)?.get();
  return (metric?.values ?? []).reduce((sum, value) => sum + value.value, 0);
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, index) => from + index);

describe(AuditWriter.name, () => {
  let db: TestDatabase;

  beforeEach(async () => {
    db = await testDatabase();
  });

  afterEach(async () => {
    await db?.drop();
  });

  describe('when PostgreSQL goes away during writes and comes back', () => {
    let proxy: TcpProxy;
    let proxyUp = false;
    let moduleRef: TestingModule;

    async function takeDatabaseDown(): Promise<void> {
      proxyUp = false;
      await proxy.stop();
    }

    async function bringDatabaseBack(): Promise<void> {
      await proxy.start();
      proxyUp = true;
    }

    beforeEach(async () => {
      const target = new URL(db.url);
      proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
      const port = await proxy.start();
      proxyUp = true;
      moduleRef = await createAuditModule(viaPort(db.url, port), {
        AUDIT_BATCH_SIZE: '7',
        AUDIT_FLUSH_INTERVAL_MS: '20',
        DATABASE_ACQUIRE_TIMEOUT_MS: '500',
      });
    });

    afterEach(async () => {
      if (!proxyUp) {
        await bringDatabaseBack();
      }
      await moduleRef.close();
      await takeDatabaseDown();
    });

    it('loses no recorded event and stores each exactly once, in one valid chain', async () => {
      const audit = moduleRef.get(AuditService);
      const record = (n: number): void => audit.record({ action: 'outage.test', outcome: 'success', actorType: 'system', metadata: { n } });
      range(0, 30).forEach(record);
      await waitFor(async () => (await storedNumbers(db)).length === 30, 'the first events to be written');

      await takeDatabaseDown();
      range(30, 60).forEach(record);
      await waitFor(async () => (await counterValue(moduleRef, 'bulwark_security_audit_write_failures_total')) >= 3, 'writes to fail');
      range(60, 80).forEach(record);
      expect(moduleRef.get(AuditWriter).buffered).toBe(50);

      await bringDatabaseBack();
      await waitFor(() => moduleRef.get(AuditWriter).buffered === 0, 'the buffer to drain after the database returned', 20_000);

      const stored = await storedNumbers(db);
      expect([...stored].sort((a, b) => a - b)).toEqual(range(0, 80));
      expect(stored).toEqual(range(0, 80));
      await expect(counterValue(moduleRef, 'bulwark_security_audit_events_written_total')).resolves.toBe(80);
      await expect(counterValue(moduleRef, 'bulwark_security_audit_events_shed_total')).resolves.toBe(0);
      await expect(moduleRef.get(AuditVerifier).verify()).resolves.toMatchObject({ valid: true, checked: 80 });
    });
  });

  describe('ingest (write-through) when PostgreSQL is away', () => {
    it('fails instead of acknowledging, as a 503, and stores the batch once when retried after the database returns', async () => {
      const target = new URL(db.url);
      const proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
      const moduleRef = await createAuditModule(viaPort(db.url, await proxy.start()), { DATABASE_ACQUIRE_TIMEOUT_MS: '500' });
      const audit = moduleRef.get(AuditService);
      const principal: Principal = { kind: 'api-key', id: 'svc', name: 'svc', owner: 'tests', tier: Tier.FREE, scopes: [Scope.AUDIT_WRITE] };
      const batch = range(0, 5).map((n) => ({ idempotencyKey: `k${n}`, action: 'ingest.outage', outcome: 'success' as const, actorType: 'system' as const, metadata: { n } }));
      try {
        await proxy.stop();
        const failure = await audit.ingest(batch, principal).then(
          () => undefined,
          (error: unknown) => error,
        );
        expect(mapPostgresError(failure)).toMatchObject({ code: DatabaseExceptionCode.UNAVAILABLE, status: 503 });
        expect(await storedNumbers(db)).toEqual([]);

        await proxy.start();
        await expect(audit.ingest(batch, principal)).resolves.toEqual({ received: 5, stored: 5, duplicates: 0 });
        await expect(audit.ingest(batch, principal)).resolves.toEqual({ received: 5, stored: 0, duplicates: 5 });
        expect(await storedNumbers(db)).toEqual(range(0, 5));
      } finally {
        await moduleRef.close();
        await proxy.stop();
      }
    });
  });

  describe('on shutdown', () => {
    it('writes what is buffered before the pool closes', async () => {
      const moduleRef = await createAuditModule(db.url, { AUDIT_BATCH_SIZE: '1000', AUDIT_FLUSH_INTERVAL_MS: '600000' });
      const audit = moduleRef.get(AuditService);
      range(0, 25).forEach((n) => audit.record({ action: 'shutdown.test', outcome: 'success', actorType: 'system', metadata: { n } }));
      expect(await storedNumbers(db)).toEqual([]);

      await moduleRef.close();

      expect(await storedNumbers(db)).toEqual(range(0, 25));
    });
  });
});
