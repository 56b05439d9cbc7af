import { testDatabase, type TestDatabase } from '@app/testing';
import type { INestApplication } from '@nestjs/common';
import pg from 'pg';
import request from 'supertest';

import { AuditService } from '../../src/modules/security/audit/audit.service.js';
import { Scope } from '../../src/modules/security/security.constants.js';
import { bootApp } from '../support/app.js';
import { bearer, issueApiKey } from '../support/principals.js';
import { waitFor } from '../support/wait-for.js';

interface EventItem {
  sequence: number;
  action: string;
  actorId: string | null;
  outcome: string;
  occurredAt: string;
  metadata: Record<string, unknown>;
  ingestedBy: string;
  idempotencyKey: string;
  prevHash: string;
  hash: string;
}

function expectProblem(response: request.Response, status: number, code: string): void {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({ status, code });
}

const ingestEvent = (idempotencyKey: string, overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  idempotencyKey,
  action: 'e2e.default',
  outcome: 'success',
  actorType: 'api-key',
  ...overrides,
});

describe('/v1/audit', () => {
  let app: INestApplication;
  let db: TestDatabase;
  let reader: { Authorization: string };
  let writer: { Authorization: string };
  let outsider: { Authorization: string };

  const server = (): ReturnType<INestApplication['getHttpServer']> => app.getHttpServer();
  const ingest = (events: unknown[], headers = writer): request.Test => request(server()).post('/v1/audit/events').set(headers).send({ events });
  const list = (query: Record<string, string | number>, headers = reader): request.Test => request(server()).get('/v1/audit/events').query(query).set(headers);
  const exportEvents = (query: Record<string, string>): request.Test => request(server()).get('/v1/audit/events/export').query(query).set(reader);

  /** Every item matching `query`, following nextCursor page by page. */
  async function listAll(query: Record<string, string | number>): Promise<{ items: EventItem[]; pages: number }> {
    const items: EventItem[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response = await list(cursor ? { ...query, cursor } : query);
      expect(response.status).toBe(200);
      const body = response.body as { items: EventItem[]; nextCursor: string | null };
      items.push(...body.items);
      cursor = body.nextCursor;
      pages += 1;
    } while (cursor !== null);
    return { items, pages };
  }

  beforeAll(async () => {
    db = await testDatabase();
    app = await bootApp({ DATABASE_URL: db.url, AUDIT_FLUSH_INTERVAL_MS: '20' });
    reader = bearer(await issueApiKey(app, { scopes: [Scope.AUDIT_READ], name: 'audit-reader' }));
    writer = bearer(await issueApiKey(app, { scopes: [Scope.AUDIT_WRITE], name: 'audit-writer' }));
    outsider = bearer(await issueApiKey(app, { scopes: [Scope.CACHE_READ], name: 'outsider' }));
  });

  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  describe('access', () => {
    it.each([
      ['GET', '/v1/audit/events'],
      ['GET', '/v1/audit/events/export'],
      ['GET', '/v1/audit/verify'],
      ['POST', '/v1/audit/events'],
    ])('%s %s answers 401 without credentials and 403 without its scope', async (method, path) => {
      const call = (headers: Record<string, string>): request.Test =>
        (method === 'GET' ? request(server()).get(path) : request(server()).post(path).send({ events: [ingestEvent('x')] })).set(headers);

      expectProblem(await call({}), 401, 'SECURITY.UNAUTHENTICATED');
      expectProblem(await call(outsider), 403, 'SECURITY.INSUFFICIENT_SCOPE');
      expectProblem(await call(method === 'GET' ? writer : reader), 403, 'SECURITY.INSUFFICIENT_SCOPE');
    });
  });

  describe('POST /v1/audit/events', () => {
    it('stores a batch before answering and stores a resent batch once', async () => {
      const events = [ingestEvent('ing-1', { action: 'e2e.ingest' }), ingestEvent('ing-2', { action: 'e2e.ingest', metadata: { password: 'hunter2' } })];

      const first = await ingest(events);
      expect(first.status).toBe(200);
      expect(first.body).toEqual({ received: 2, stored: 2, duplicates: 0 });
      const again = await ingest([...events, ingestEvent('ing-3', { action: 'e2e.ingest' })]);
      expect(again.body).toEqual({ received: 3, stored: 1, duplicates: 2 });

      const { items } = await listAll({ action: 'e2e.ingest' });
      expect(items.map((item) => item.idempotencyKey)).toEqual(['ing-3', 'ing-2', 'ing-1']);
      expect(items.every((item) => item.ingestedBy.startsWith('key:'))).toBe(true);
      expect(JSON.stringify(items)).not.toContain('hunter2');
    });

    it.each<[string, unknown]>([
      ['an empty batch', { events: [] }],
      ['more than 500 events', { events: Array.from({ length: 501 }, (_, index) => ingestEvent(`big-${index}`)) }],
      ['no events field', {}],
      ['a missing idempotency key', { events: [{ action: 'a.b', outcome: 'success', actorType: 'system' }] }],
      ['an unknown outcome', { events: [ingestEvent('bad-1', { outcome: 'maybe' })] }],
      ['an unknown actor type', { events: [ingestEvent('bad-2', { actorType: 'robot' })] }],
      ['an invalid IP', { events: [ingestEvent('bad-3', { ip: '999.1.1.1' })] }],
      ['an action that is not a dotted verb', { events: [ingestEvent('bad-4', { action: 'drop table; --' })] }],
      ['metadata that is not an object', { events: [ingestEvent('bad-5', { metadata: 'text' })] }],
      ['an unknown field', { events: [ingestEvent('bad-6', { sequence: 1 })] }],
      ['a malformed occurredAt', { events: [ingestEvent('bad-7', { occurredAt: 'yesterday' })] }],
    ])('answers 400 problem+json for %s and stores nothing', async (_case, body) => {
      const response = await request(server()).post('/v1/audit/events').set(writer).send(body as object);

      expectProblem(response, 400, 'COMMON.VALIDATION_FAILED');
      expect((response.body as { errors: unknown[] }).errors.length).toBeGreaterThan(0);
      expect((await listAll({ action: 'e2e.default' })).items).toEqual([]);
    });

    it('refuses a __proto__ key in metadata with 400 and stores nothing, polluting no prototype', async () => {
      const body = `{"events":[{"idempotencyKey":"proto-1","action":"e2e.proto","outcome":"success","actorType":"system","metadata":{"__proto__":{"polluted":true},"kept":1}}]}`;

      const response = await request(server()).post('/v1/audit/events').set(writer).set('Content-Type', 'application/json').send(body);

      expectProblem(response, 400, 'COMMON.MALFORMED_BODY');
      expect((await listAll({ action: 'e2e.proto' })).items).toEqual([]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('answers 400 for an event dated in the future, naming it', async () => {
      const future = new Date(Date.now() + 3_600_000).toISOString();

      const response = await ingest([ingestEvent('future-1', { occurredAt: future })]);

      expectProblem(response, 400, 'SECURITY.AUDIT_EVENT_INVALID');
      expect(response.body.errors).toEqual([{ field: 'events.0.occurredAt', message: expect.any(String) }]);
    });
  });

  describe('GET /v1/audit/events', () => {
    const at = (minute: number): string => new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();

    beforeAll(async () => {
      const events = Array.from({ length: 7 }, (_, index) =>
        ingestEvent(`list-${index}`, {
          action: 'e2e.list',
          actorId: index % 2 === 0 ? 'alice' : 'bob',
          outcome: index % 3 === 0 ? 'failure' : 'success',
          occurredAt: at(index),
        }),
      );
      expect((await ingest(events)).body).toMatchObject({ stored: 7 });
    });

    it('pages newest first with an opaque cursor, every event once', async () => {
      const first = await list({ action: 'e2e.list', limit: 3 });
      expect(first.status).toBe(200);
      expect(first.body.items).toHaveLength(3);
      expect(first.body.nextCursor).toEqual(expect.any(String));

      const { items, pages } = await listAll({ action: 'e2e.list', limit: 3 });

      expect(pages).toBe(3);
      expect(items.map((item) => item.idempotencyKey)).toEqual(['list-6', 'list-5', 'list-4', 'list-3', 'list-2', 'list-1', 'list-0']);
      const sequences = items.map((item) => item.sequence);
      expect(sequences).toEqual([...sequences].sort((a, b) => b - a));
    });

    it('filters by actor, outcome and time range together', async () => {
      const { items } = await listAll({ action: 'e2e.list', actorId: 'bob', outcome: 'failure', from: at(1), to: at(6) });

      expect(items.map((item) => item.idempotencyKey)).toEqual(['list-3']);
    });

    it('treats from as inclusive and to as exclusive', async () => {
      const { items } = await listAll({ action: 'e2e.list', from: at(2), to: at(4) });

      expect(items.map((item) => item.idempotencyKey)).toEqual(['list-3', 'list-2']);
    });

    it.each<[string, Record<string, string | number>, string]>([
      ['a forged cursor', { cursor: 'not-a-cursor' }, 'COMMON.INVALID_CURSOR'],
      // Not SQL inside: the threat guard would refuse that (403) before the cursor is read.
      ['a cursor whose position is not a sequence', { cursor: Buffer.from('{"sequence":"first"}').toString('base64url') }, 'COMMON.INVALID_CURSOR'],
      ['a limit of 0', { limit: 0 }, 'COMMON.VALIDATION_FAILED'],
      ['a limit over the maximum', { limit: 10_000 }, 'COMMON.VALIDATION_FAILED'],
      ['a malformed from', { from: '2026-13-45' }, 'COMMON.VALIDATION_FAILED'],
      ['an unknown outcome', { outcome: 'maybe' }, 'COMMON.VALIDATION_FAILED'],
      ['an unknown filter', { admin: 'true' }, 'COMMON.VALIDATION_FAILED'],
    ])('answers 400 problem+json for %s', async (_case, query, code) => {
      expectProblem(await list(query), 400, code);
    });
  });

  describe('GET /v1/audit/events/export', () => {
    beforeAll(async () => {
      const events = [
        ingestEvent('exp-0', { action: 'e2e.export', actorId: 'plain' }),
        ingestEvent('exp-1', { action: 'e2e.export', actorId: 'has, comma and "quotes"\nand a line break', metadata: { note: 'two\nlines' } }),
        ingestEvent('exp-2', { action: 'e2e.export', actorId: '=cmd|calc' }),
      ];
      expect((await ingest(events)).body).toMatchObject({ stored: 3 });
    });

    it('streams JSON Lines in chain order, the same items the list returns', async () => {
      const response = await exportEvents({ action: 'e2e.export', format: 'jsonl' });

      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/x-ndjson/);
      expect(response.headers['content-disposition']).toBe('attachment; filename="audit-events.jsonl"');
      const lines = response.text.trimEnd().split('\n').map((line) => JSON.parse(line) as EventItem);
      expect(lines.map((line) => line.idempotencyKey)).toEqual(['exp-0', 'exp-1', 'exp-2']);
      const listed = (await listAll({ action: 'e2e.export' })).items.reverse();
      expect(lines).toEqual(listed);
    });

    it('defaults to JSON Lines', async () => {
      const response = await exportEvents({ action: 'e2e.export' });

      expect(response.headers['content-type']).toMatch(/^application\/x-ndjson/);
    });

    it('streams CSV with a header, quoting and formula neutralisation', async () => {
      const response = await exportEvents({ action: 'e2e.export', format: 'csv' });

      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/csv/);
      const text = response.text;
      expect(text.split('\n')[0]).toBe(
        'sequence,occurredAt,action,outcome,actorType,actorId,ip,targetType,targetId,metadata,requestId,idempotencyKey,ingestedBy,prevHash,hash',
      );
      expect(text).toContain(',"has, comma and ""quotes""\nand a line break",');
      expect(text).toContain(',"{""note"":""two\\nlines""}",');
      expect(text).toContain(`,'=cmd|calc,`);
      expect(text.match(/,e2e\.export,/g)).toHaveLength(3);
    });

    it('streams more rows than one page holds', async () => {
      const batch = (offset: number): Record<string, unknown>[] =>
        Array.from({ length: 500 }, (_, index) => ingestEvent(`bulk-${offset + index}`, { action: 'e2e.bulk' }));
      for (const offset of [0, 500, 1_000]) {
        expect((await ingest(batch(offset))).body).toMatchObject({ stored: 500 });
      }

      const response = await exportEvents({ action: 'e2e.bulk', format: 'jsonl' });

      const keys = response.text.trimEnd().split('\n').map((line) => (JSON.parse(line) as EventItem).idempotencyKey);
      expect(keys).toEqual(Array.from({ length: 1_500 }, (_, index) => `bulk-${index}`));
    });

    it('answers an empty JSON Lines body, or a CSV header alone, when nothing matches', async () => {
      const jsonl = await exportEvents({ action: 'e2e.nothing', format: 'jsonl' });
      const csv = await exportEvents({ action: 'e2e.nothing', format: 'csv' });

      expect(jsonl.status).toBe(200);
      expect(jsonl.text).toBe('');
      expect(csv.status).toBe(200);
      expect(csv.text.trimEnd().split('\n')).toEqual([expect.stringMatching(/^sequence,occurredAt,/)]);
    });

    it('answers 400 problem+json for an unknown format', async () => {
      expectProblem(await exportEvents({ format: 'xml' }), 400, 'COMMON.VALIDATION_FAILED');
    });
  });

  describe('in-process records', () => {
    it('include what other parts emit on the event bus: the keys this suite created', async () => {
      await waitFor(async () => (await listAll({ action: 'api_key.created' })).items.length >= 3, 'the key creations to be flushed');

      const { items } = await listAll({ action: 'api_key.created' });
      expect(items.every((item) => item.ingestedBy === 'internal')).toBe(true);
      const logged = JSON.stringify(items);
      for (const header of [reader, writer, outsider]) {
        expect(logged).not.toContain(header.Authorization.replace('Bearer ', ''));
      }
    });

    it('reach the log through the batching writer and show in its metrics', async () => {
      app.get(AuditService).record({ action: 'e2e.in_process', outcome: 'denied', actorType: 'anonymous', ip: '198.51.100.9' });

      await waitFor(async () => (await listAll({ action: 'e2e.in_process' })).items.length === 1, 'the record to be flushed');

      const [item] = (await listAll({ action: 'e2e.in_process' })).items;
      expect(item).toMatchObject({ outcome: 'denied', actorType: 'anonymous', ip: '198.51.100.9', ingestedBy: 'internal' });
      const metrics = (await request(server()).get('/metrics')).text;
      expect(metrics).toMatch(/^bulwark_security_audit_events_written_total [1-9]\d*$/m);
      expect(metrics).toMatch(/^bulwark_security_audit_buffered_events 0$/m);
      expect(metrics).toContain('# TYPE bulwark_security_audit_events_shed_total counter');
      expect(metrics).toContain('# TYPE bulwark_security_audit_write_failures_total counter');
    });
  });

  describe('OpenAPI', () => {
    it('documents every audit route with its query, body and response schemas', async () => {
      const document = (await request(server()).get('/openapi.json')).body as {
        paths: Record<string, Record<string, { parameters?: { name: string }[] }>>;
        components: { schemas: Record<string, unknown> };
      };

      expect(Object.keys(document.paths)).toEqual(
        expect.arrayContaining(['/v1/audit/events', '/v1/audit/events/export', '/v1/audit/verify']),
      );
      expect(document.paths['/v1/audit/events']!.get!.parameters!.map((parameter) => parameter.name)).toEqual(
        expect.arrayContaining(['limit', 'cursor', 'action', 'actorId', 'outcome', 'from', 'to']),
      );
      expect(document.components.schemas).toEqual(
        expect.objectContaining({ AuditEventDto: expect.any(Object), IngestAuditEventsDto: expect.any(Object), ChainVerificationDto: expect.any(Object) }),
      );
    });
  });

  describe('GET /v1/audit/verify', () => {
    it('reports the whole chain valid', async () => {
      await ingest([ingestEvent('verify-1', { action: 'e2e.verify' })]);

      const response = await request(server()).get('/v1/audit/verify').set(reader);

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ valid: true });
      expect(response.body.checked).toBe(response.body.lastSequence);
      expect(response.body.checked).toBeGreaterThan(0);
      expect(response.body.firstBrokenSequence).toBeUndefined();
    });

    // Last in the file: it breaks the chain on purpose.
    it('reports the first altered event once a row was changed behind the app\'s back', async () => {
      const [victim] = (await listAll({ action: 'e2e.verify' })).items;
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      try {
        await client.query('BEGIN');
        await client.query('ALTER TABLE audit_events DISABLE TRIGGER USER');
        await client.query(`UPDATE audit_events SET outcome = 'failure' WHERE sequence = $1`, [victim!.sequence]);
        await client.query('ALTER TABLE audit_events ENABLE TRIGGER USER');
        await client.query('COMMIT');
      } finally {
        await client.end();
      }

      const response = await request(server()).get('/v1/audit/verify').set(reader);

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ valid: false, firstBrokenSequence: victim!.sequence, reason: 'hash-mismatch' });
    });
  });
});
