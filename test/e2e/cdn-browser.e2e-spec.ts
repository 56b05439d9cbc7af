import { testDatabase, type TestDatabase } from '@app/testing';
import type { INestApplication } from '@nestjs/common';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';

import { Scope } from '../../src/modules/security/index.js';
import { bootApp } from '../support/app.js';
import { upload, waitSettled, type AssetBody } from '../support/cdn/cdn-client.js';
import { sampleScript, sampleStylesheet } from '../support/cdn/cdn-fixtures.js';
import { bearer, issueApiKey } from '../support/principals.js';

/** Debian's Chromium: the tests never download a browser. */
const CHROMIUM = '/usr/bin/chromium';
// Without the background-networking flags Chromium keeps dialling Google, which this closed network refuses.
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

describe('CDN in a real browser (headless Chromium)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let browser: Browser;
  let page: Server;
  let script: AssetBody;
  let stylesheet: AssetBody;

  beforeAll(async () => {
    db = await testDatabase();
    app = await bootApp({ DATABASE_URL: db.url });
    const writer = bearer(await issueApiKey(app, { scopes: [Scope.CDN_WRITE, Scope.CDN_READ], name: 'cdn writer' }));
    script = await waitSettled(app, writer, ((await upload(app, writer, { name: 'app.js', body: sampleScript('browser'), contentType: 'text/javascript' }).expect(201)).body as AssetBody).id);
    stylesheet = await waitSettled(app, writer, ((await upload(app, writer, { name: 'site.css', body: sampleStylesheet(), contentType: 'text/css' }).expect(201)).body as AssetBody).id);
    const origin = `http://127.0.0.1:${((app.getHttpServer() as Server).address() as AddressInfo).port}`;
    // The page comes from another origin, as a site using a CDN does.
    page = createServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      response.end(`<!doctype html><html><head><link rel="stylesheet" href="${origin}${stylesheet.urls.immutable}"></head><body><script src="${origin}${script.urls.immutable}"></script></body></html>`);
    });
    await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => page?.close(resolve));
    await app?.close();
    await db?.drop();
  });

  it('loads a JS and a CSS asset by their immutable URLs with brotli, runs and applies them', async () => {
    const context = await browser.newContext();
    const tab = await context.newPage();
    const assets = new Map<string, { status: number; encoding: string | undefined; cacheControl: string | undefined }>();
    tab.on('response', (response) => {
      const path = new URL(response.url()).pathname;
      if (path.startsWith('/cdn/')) {
        const headers = response.headers();
        assets.set(path, { status: response.status(), encoding: headers['content-encoding'], cacheControl: headers['cache-control'] });
      }
    });

    await tab.goto(`http://127.0.0.1:${(page.address() as AddressInfo).port}/`, { waitUntil: 'load' });

    expect(await tab.evaluate(() => (globalThis as { cdnMarker?: string }).cdnMarker)).toBe('browser:40,41,42');
    // Runs in the page: the DOM globals are the browser's, not this (Node) program's.
    const backgroundColor = await tab.evaluate('getComputedStyle(document.body).backgroundColor');
    expect(backgroundColor).toBe('rgb(0, 255, 0)');
    for (const asset of [script, stylesheet]) {
      expect(assets.get(asset.urls.immutable)).toEqual({ status: 200, encoding: 'br', cacheControl: 'public, max-age=31536000, immutable' });
    }
    await context.close();
  });
});
