import { testDatabase, type TestDatabase } from '@app/testing';
import type { INestApplication } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';

import { Scope } from '../../src/modules/security/index.js';
import { bootApp } from '../support/app.js';
import { upload, waitSettled, type AssetBody } from '../support/cdn/cdn-client.js';
import { CloudflareApiServer } from '../support/cloudflare-api-server.js';
import { CloudFrontApiServer } from '../support/cloudfront-api-server.js';
import { bearer, issueApiKey } from '../support/principals.js';

const ZONE = 'a'.repeat(32);
const TOKEN = 'cf-test-token-not-for-logs';
const DISTRIBUTION = 'E2BULWARKTEST';
const BASE = 'https://cdn.example.com';

interface PurgeBody {
  edges: { edge: string; id: string }[];
}

interface JobBody {
  state: string;
  done: boolean;
  retryCount: number;
  percent: number;
}

describe('CDN edge purges (Cloudflare and CloudFront imitations)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let cloudflare: CloudflareApiServer;
  let cloudfront: CloudFrontApiServer;
  let writer: Record<string, string>;
  let asset: AssetBody;
  const http = (): ReturnType<typeof request> => request(app.getHttpServer());

  async function settledPurge(id: string): Promise<JobBody> {
    const deadline = Date.now() + 45_000;
    for (;;) {
      const status = (await http().get(`/v1/cdn/purges/${id}`).set(writer).expect(200)).body as JobBody;
      if (status.done || Date.now() > deadline) {
        return status;
      }
      await sleep(250);
    }
  }

  beforeAll(async () => {
    cloudflare = await CloudflareApiServer.start({ apiToken: TOKEN });
    cloudfront = await CloudFrontApiServer.start({ distributionId: DISTRIBUTION, accessKeyId: 'AKIDBULWARKTEST', secretAccessKey: 'bulwark-test-secret' });
    db = await testDatabase();
    app = await bootApp({
      DATABASE_URL: db.url,
      CDN_PUBLIC_BASE_URL: BASE,
      CDN_CLOUDFLARE_ZONE_ID: ZONE,
      CDN_CLOUDFLARE_API_TOKEN: TOKEN,
      CDN_CLOUDFLARE_API_URL: cloudflare.apiUrl,
      CDN_CLOUDFRONT_DISTRIBUTION_ID: DISTRIBUTION,
      CDN_CLOUDFRONT_ENDPOINT: cloudfront.endpoint,
      CDN_CLOUDFRONT_ACCESS_KEY_ID: 'AKIDBULWARKTEST',
      CDN_CLOUDFRONT_SECRET_ACCESS_KEY: 'bulwark-test-secret',
      CDN_PURGE_RETRY_DELAY_MS: '1000',
    });
    writer = bearer(await issueApiKey(app, { scopes: [Scope.CDN_WRITE, Scope.CDN_READ], name: 'cdn writer' }));
    const created = await upload(app, writer, { name: 'edge.js', body: 'console.log("edge")', contentType: 'text/javascript' }, 'edge-tag').expect(201);
    asset = await waitSettled(app, writer, (created.body as AssetBody).id);
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    await cloudflare?.close();
    await cloudfront?.close();
  });

  it('purges URLs at both edges as jobs whose status is queryable', async () => {
    const url = `${BASE}${asset.urls.immutable}`;
    const response = await http().post('/v1/cdn/purge').set(writer).send({ urls: [asset.urls.immutable] }).expect(202);
    const { edges } = response.body as PurgeBody;
    expect(edges.map((edge) => edge.edge).sort()).toEqual(['cloudflare', 'cloudfront']);
    for (const edge of edges) {
      expect(await settledPurge(edge.id)).toMatchObject({ state: 'completed', percent: 100 });
    }
    expect(cloudflare.calls.at(-1)?.body).toEqual({ files: [url] });
    expect(cloudfront.invalidations.at(-1)?.paths).toEqual([asset.urls.immutable]);
  });

  it('purges tags by tag at Cloudflare and by the tagged assets\' URLs at CloudFront', async () => {
    const response = await http().post('/v1/cdn/purge').set(writer).send({ tags: ['edge-tag'] }).expect(202);
    for (const edge of (response.body as PurgeBody).edges) {
      expect((await settledPurge(edge.id)).state).toBe('completed');
    }
    expect(cloudflare.calls.at(-1)?.body).toEqual({ tags: ['edge-tag'] });
    expect(cloudfront.invalidations.at(-1)?.paths.sort()).toEqual([asset.urls.alias, asset.urls.immutable].sort());
  });

  it('purges a prefix as a Cloudflare prefix and a CloudFront wildcard', async () => {
    const response = await http().post('/v1/cdn/purge').set(writer).send({ prefix: '/cdn/latest/' }).expect(202);
    for (const edge of (response.body as PurgeBody).edges) {
      expect((await settledPurge(edge.id)).state).toBe('completed');
    }
    expect(cloudflare.calls.at(-1)?.body).toEqual({ prefixes: ['cdn.example.com/cdn/latest/'] });
    expect(cloudfront.invalidations.at(-1)?.paths).toEqual(['/cdn/latest/*']);
  });

  it('retries an edge that pushes back until it accepts, without resending to the other', async () => {
    const cloudflareCalls = cloudflare.calls.length;
    cloudfront.simulate('TooManyInvalidationsInProgress', 1);
    const response = await http().post('/v1/cdn/purge').set(writer).send({ urls: [asset.urls.alias] }).expect(202);
    const statuses = await Promise.all((response.body as PurgeBody).edges.map(async (edge) => ({ edge: edge.edge, status: await settledPurge(edge.id) })));
    const front = statuses.find((entry) => entry.edge === 'cloudfront')!.status;
    expect(front).toMatchObject({ state: 'completed' });
    expect(front.retryCount).toBeGreaterThanOrEqual(1);
    expect(cloudflare.calls.length).toBe(cloudflareCalls + 1);
    expect(cloudfront.invalidations.at(-1)?.paths).toEqual([asset.urls.alias]);
  });

  it('purges a deleted asset\'s URLs at the edges', async () => {
    const created = await upload(app, writer, { name: 'doomed.css', body: 'b { color: blue }', contentType: 'text/css' }).expect(201);
    const doomed = await waitSettled(app, writer, (created.body as AssetBody).id);
    const response = await http().delete(`/v1/assets/${doomed.id}`).set(writer).expect(202);
    for (const edge of (response.body as PurgeBody).edges) {
      expect((await settledPurge(edge.id)).state).toBe('completed');
    }
    expect(cloudflare.calls.at(-1)?.body).toEqual({ files: expect.arrayContaining([`${BASE}${doomed.urls.immutable}`, `${BASE}${doomed.urls.alias}`]) });
  });

  it('answers an unknown purge id with 404', async () => {
    await http().get('/v1/cdn/purges/00000000-0000-4000-8000-000000000000').set(writer).expect(404);
  });
});
