import { testDatabase, type TestDatabase } from '@app/testing';
import type { INestApplication } from '@nestjs/common';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';

import { RequestTracing } from '../../src/modules/monitoring/index.js';
import { bootApp } from '../support/app.js';
import { FixturesController } from '../support/fixtures.controller.js';
import { waitFor } from '../support/wait-for.js';

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  status?: { code?: number };
  attributes: Array<{ key: string; value: { stringValue?: string; intValue?: string | number } }>;
}
interface OtlpExport {
  resourceSpans: Array<{ resource: { attributes: OtlpSpan['attributes'] }; scopeSpans: Array<{ spans: OtlpSpan[] }> }>;
}

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT_ID = '00f067aa0ba902b7';
const attribute = (attributes: OtlpSpan['attributes'], key: string): string | number | undefined => {
  const value = attributes.find((one) => one.key === key)?.value;
  return value?.stringValue ?? (value?.intValue === undefined ? undefined : Number(value.intValue));
};

describe('monitoring: OpenTelemetry traces (opt-in)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let collector: Server;
  const exports: Array<{ path: string; contentType: string; body: OtlpExport }> = [];
  const spans = (): Array<OtlpSpan & { resource: OtlpSpan['attributes'] }> =>
    exports.flatMap(({ body }) => body.resourceSpans.flatMap((resource) => resource.scopeSpans.flatMap((scope) => scope.spans.map((span) => ({ ...span, resource: resource.resource.attributes })))));

  beforeAll(async () => {
    // An OTLP/HTTP collector on loopback: what an OpenTelemetry Collector's otlphttp receiver accepts.
    collector = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        exports.push({ path: req.url ?? '', contentType: req.headers['content-type'] ?? '', body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpExport });
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    db = await testDatabase();
    app = await bootApp({ DATABASE_URL: db.url, MONITORING_OTLP_ENDPOINT: `http://127.0.0.1:${(collector.address() as AddressInfo).port}` }, [FixturesController]);
  });

  afterAll(async () => {
    await app.close();
    await db.drop();
    collector.close();
  });

  it('exports one server span per request, named by its route template, continuing the caller\'s trace', async () => {
    await request(app.getHttpServer()).get('/health/live').set('traceparent', `00-${TRACE_ID}-${PARENT_ID}-01`).expect(200);
    await request(app.getHttpServer()).get('/fixtures/boom').expect(500);
    await app.get(RequestTracing).flush();
    await waitFor(() => spans().some((span) => span.name === 'GET /fixtures/boom'), 'the spans to reach the collector');
    expect(exports[0]!.path).toBe('/v1/traces');
    expect(exports[0]!.contentType).toContain('application/json');
    const live = spans().find((span) => span.name === 'GET /health/live')!;
    expect(live).toMatchObject({ traceId: TRACE_ID, parentSpanId: PARENT_ID, kind: 2 });
    expect(attribute(live.attributes, 'http.route')).toBe('/health/live');
    expect(attribute(live.attributes, 'http.response.status_code')).toBe(200);
    expect(attribute(live.resource, 'service.name')).toBe('bulwark');
    const boom = spans().find((span) => span.name === 'GET /fixtures/boom')!;
    expect(boom.traceId).not.toBe(TRACE_ID);
    expect(boom.parentSpanId ?? '').toBe('');
    expect(boom.status?.code).toBe(2);
  });

  it('keeps the query string out of spans', async () => {
    await request(app.getHttpServer()).get('/no/such/page?token=hunter2').expect(404);
    await app.get(RequestTracing).flush();
    await waitFor(() => spans().some((span) => span.name === 'GET unmatched'), 'the span of the unmatched request');
    expect(attribute(spans().find((span) => span.name === 'GET unmatched')!.attributes, 'url.path')).toBe('/no/such/page');
    expect(JSON.stringify(exports)).not.toContain('hunter2');
  });
});
