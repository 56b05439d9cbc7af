import { testDatabase, type TestDatabase } from '@app/testing';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { TestingModule } from '@nestjs/testing';
import pg from 'pg';

import { SecurityEvents, type AuditRecordEvent } from '../../src/modules/security/security.events.js';
import { AuditService } from '../../src/modules/security/audit/audit.service.js';
import { toAuditDraft } from '../../src/modules/security/audit/audit-draft.util.js';
import { auditHash } from '../../src/modules/security/audit/audit-hash.util.js';
import { AuditRepository } from '../../src/modules/security/audit/audit.repository.js';
import { AuditVerifier } from '../../src/modules/security/audit/audit-verifier.service.js';
import { AuditWriter } from '../../src/modules/security/audit/audit-writer.js';
import type { Principal } from '../../src/modules/security/auth/principal.js';
import { Scope, Tier } from '../../src/modules/security/security.constants.js';
import { createAuditModule } from '../support/audit-module.js';

const event = (action: string, metadata: Record<string, unknown> = {}): AuditRecordEvent => ({
  action,
  outcome: 'success',
  actorType: 'system',
  metadata,
});

const serviceKey = (id: string): Principal => ({ kind: 'api-key', id, name: id, owner: 'tests', tier: Tier.FREE, scopes: [Scope.AUDIT_WRITE] });

/** A client of its own on the test database, as a superuser: it can do what the app cannot. */
async function withClient<T>(db: TestDatabase, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function chainRows(db: TestDatabase): Promise<{ sequence: number; prev_hash: string; hash: string }[]> {
  return withClient(db, async (client) => {
    const result = await client.query<{ sequence: number; prev_hash: string; hash: string }>(
      'SELECT sequence::int AS sequence, prev_hash, hash FROM audit_events ORDER BY sequence',
    );
    return result.rows;
  });
}

describe('audit log against PostgreSQL', () => {
  let db: TestDatabase;
  let moduleRef: TestingModule;

  beforeEach(async () => {
    db = await testDatabase();
    moduleRef = await createAuditModule(db.url, { AUDIT_BATCH_SIZE: '10', AUDIT_FLUSH_INTERVAL_MS: '60000' });
  });

  afterEach(async () => {
    await moduleRef?.close();
    await db?.drop();
  });

  async function recordAndFlush(count: number): Promise<void> {
    const audit = moduleRef.get(AuditService);
    for (let index = 0; index < count; index += 1) {
      audit.record(event(`test.event_${index}`, { index }));
    }
    await expect(moduleRef.get(AuditWriter).flush()).resolves.toBe(true);
  }

  describe(AuditService.name, () => {
    it('chains recorded events linearly from the genesis hash, and verify passes across pages', async () => {
      await recordAndFlush(25);

      const rows = await chainRows(db);
      expect(rows.map((row) => row.sequence)).toEqual(Array.from({ length: 25 }, (_, index) => index + 1));
      expect(rows[0]!.prev_hash).toBe('0'.repeat(64));
      rows.slice(1).forEach((row, index) => expect(row.prev_hash).toBe(rows[index]!.hash));
      await expect(moduleRef.get(AuditVerifier).verify(7)).resolves.toEqual({ valid: true, checked: 25, lastSequence: 25 });
    });

    it('stores events emitted on the event bus, with credentials redacted', async () => {
      moduleRef.get(EventEmitter2).emit(SecurityEvents.AUDIT, {
        action: 'api_key.created',
        outcome: 'success',
        actorType: 'user',
        actorId: 'u-1',
        targetType: 'api_key',
        targetId: 'k-1',
        metadata: { name: 'ci', apiKey: 'bwk_live_secret' },
      } satisfies AuditRecordEvent);
      await moduleRef.get(AuditWriter).flush();

      const [stored] = await moduleRef.get(AuditRepository).findEvents({}, {}, 10, 'ASC');
      expect(stored).toMatchObject({ sequence: 1, action: 'api_key.created', actorId: 'u-1', ingestedBy: 'internal', metadata: { name: 'ci', apiKey: '[REDACTED]' } });
    });

    it('stores awkward values exactly as hashed: the chain still verifies after the jsonb and timestamptz round trip', async () => {
      moduleRef.get(AuditService).record({
        action: 'odd.values',
        outcome: 'denied',
        actorType: 'anonymous',
        ip: '2001:db8::1',
        requestId: 'r\u00001',
        metadata: { z: 1, a: [1.5, 1e21, -0, 2 ** 53, 'zoë ✓ 😀', 'x\uD800', null, { nested: { deep: true } }], '': 'empty key', when: new Date() },
      });
      await moduleRef.get(AuditWriter).flush();

      await expect(moduleRef.get(AuditVerifier).verify()).resolves.toEqual({ valid: true, checked: 1, lastSequence: 1 });
    });

    it('verifies an empty log as valid', async () => {
      await expect(moduleRef.get(AuditVerifier).verify()).resolves.toEqual({ valid: true, checked: 0, lastSequence: 0 });
    });
  });

  describe('append-only table', () => {
    it.each([
      ['UPDATE', `UPDATE audit_events SET outcome = 'failure' WHERE sequence = 1`],
      ['DELETE', 'DELETE FROM audit_events WHERE sequence = 1'],
      ['TRUNCATE', 'TRUNCATE audit_events'],
    ])('rejects %s, even from a superuser', async (_operation, sql) => {
      await recordAndFlush(2);

      await expect(withClient(db, (client) => client.query(sql))).rejects.toThrow(/append-only/);
      expect(await chainRows(db)).toHaveLength(2);
    });
  });

  describe(`${AuditVerifier.name} on a tampered chain`, () => {
    /** Tampering needs the trigger off, as an attacker with the database's superuser would do. */
    async function tamper(sql: string): Promise<void> {
      await withClient(db, async (client) => {
        await client.query('BEGIN');
        await client.query('ALTER TABLE audit_events DISABLE TRIGGER USER');
        await client.query(sql);
        await client.query('ALTER TABLE audit_events ENABLE TRIGGER USER');
        await client.query('COMMIT');
      });
    }

    it.each([
      ['an altered row', `UPDATE audit_events SET metadata = '{"index": 999}' WHERE sequence = 5`, 5, 'hash-mismatch'],
      ['a deleted row', 'DELETE FROM audit_events WHERE sequence = 5', 5, 'missing'],
      ['the first row deleted', 'DELETE FROM audit_events WHERE sequence = 1', 1, 'missing'],
    ])('detects %s at the right sequence', async (_case, sql, brokenAt, reason) => {
      await recordAndFlush(12);
      const verifier = moduleRef.get(AuditVerifier);
      await expect(verifier.verify(4)).resolves.toMatchObject({ valid: true, checked: 12 });
      await tamper(sql);

      await expect(verifier.verify(4)).resolves.toMatchObject({ valid: false, firstBrokenSequence: brokenAt, reason });
    });

    it('detects an altered row whose own hash was recomputed at the next row', async () => {
      await recordAndFlush(12);
      const [row] = await moduleRef.get(AuditRepository).findEvents({}, { after: 4 }, 1, 'ASC');
      const forgedHash = auditHash(row!.prevHash, row!.sequence, { ...row!, metadata: { index: 999 } });

      await tamper(`UPDATE audit_events SET metadata = '{"index": 999}', hash = '${forgedHash}' WHERE sequence = 5`);

      await expect(moduleRef.get(AuditVerifier).verify(4)).resolves.toMatchObject({ valid: false, firstBrokenSequence: 6, reason: 'prev-hash-mismatch' });
    });
  });

  describe(`${AuditRepository.name}.append`, () => {
    it('keeps one linear chain when two instances (two DataSources) append concurrently', async () => {
      const other = await createAuditModule(db.url, { AUDIT_BATCH_SIZE: '10', AUDIT_FLUSH_INTERVAL_MS: '60000' });
      try {
        const repositories = [moduleRef.get(AuditRepository), other.get(AuditRepository)];
        const appends = Array.from({ length: 24 }, (_, round) =>
          repositories[round % 2]!.append(Array.from({ length: 5 }, (_, index) => toAuditDraft(event(`race.r${round}`, { round, index })))),
        );

        const results = await Promise.all(appends);

        expect(results.every((result) => result.stored === 5)).toBe(true);
        const rows = await chainRows(db);
        expect(rows.map((row) => row.sequence)).toEqual(Array.from({ length: 120 }, (_, index) => index + 1));
        await expect(other.get(AuditVerifier).verify(50)).resolves.toMatchObject({ valid: true, checked: 120 });
      } finally {
        await other.close();
      }
    });
  });

  describe(`${AuditService.name}.ingest`, () => {
    const ingestEvent = (idempotencyKey: string, action = 'orders.refund') => ({ idempotencyKey, action, outcome: 'success' as const, actorType: 'system' as const });

    it('stores each idempotency key once per principal, however often it is sent', async () => {
      const audit = moduleRef.get(AuditService);

      await expect(audit.ingest([ingestEvent('k1'), ingestEvent('k2'), ingestEvent('k1')], serviceKey('svc-a'))).resolves.toEqual({
        received: 3,
        stored: 2,
        duplicates: 1,
      });
      await expect(audit.ingest([ingestEvent('k1'), ingestEvent('k2'), ingestEvent('k3')], serviceKey('svc-a'))).resolves.toEqual({
        received: 3,
        stored: 1,
        duplicates: 2,
      });
      await expect(audit.ingest([ingestEvent('k1')], serviceKey('svc-b'))).resolves.toMatchObject({ stored: 1 });

      const rows = await moduleRef.get(AuditRepository).findEvents({}, {}, 100, 'ASC');
      expect(rows.map((row) => [row.ingestedBy, row.idempotencyKey])).toEqual([
        ['key:svc-a', 'k1'],
        ['key:svc-a', 'k2'],
        ['key:svc-a', 'k3'],
        ['key:svc-b', 'k1'],
      ]);
      await expect(moduleRef.get(AuditVerifier).verify()).resolves.toMatchObject({ valid: true, checked: 4 });
    });

    it('stores a batch sent several times at once exactly once', async () => {
      const audit = moduleRef.get(AuditService);
      const batch = Array.from({ length: 20 }, (_, index) => ingestEvent(`dup-${index}`));

      const results = await Promise.all(Array.from({ length: 4 }, () => audit.ingest(batch, serviceKey('svc-a'))));

      expect(results.reduce((sum, result) => sum + result.stored, 0)).toBe(20);
      expect(await chainRows(db)).toHaveLength(20);
    });
  });
});
