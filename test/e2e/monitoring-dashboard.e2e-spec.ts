import { testDatabase, type TestDatabase } from '@app/testing';
import type { INestApplication } from '@nestjs/common';
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

import { RuntimeSampler } from '../../src/modules/monitoring/runtime/runtime-sampler.service.js';
import { Scope, Tier } from '../../src/modules/security/index.js';
import { bootApp } from '../support/app.js';
import { FixturesController } from '../support/fixtures.controller.js';
import { FLEET_DEVICES, fleetSamples } from '../support/gpu-fleet.js';
import { issueApiKey } from '../support/principals.js';

/** Debian's Chromium: the tests never download a browser. */
const CHROMIUM = '/usr/bin/chromium';
// Without the background-networking flags Chromium keeps dialling Google, which this closed network refuses.
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
// Saved outside the tracked tree (docs/dashboard.png, shown in the README, is a copy of one), so a test run leaves git clean.
const SCREENSHOT = fileURLToPath(new URL('../../test-results/dashboard.png', import.meta.url));

/** Requests on a few routes at a rate that rises and falls, so the charts have something to draw. */
function startTraffic(origin: string, key: string): () => Promise<void> {
  let running = true;
  const routes = [
    () => `/fixtures/slow?ms=${5 + Math.floor(Math.random() * 30)}`,
    () => `/fixtures/slow?ms=${Math.random() < 0.1 ? 120 : 2}`,
    () => '/v1/system/info',
    () => '/fixtures/db',
    () => '/health/live',
    () => (Math.random() < 0.3 ? '/fixtures/boom' : '/health/live'),
  ];
  const loop = async (): Promise<void> => {
    for (let step = 0; running; step += 1) {
      const burst = 3 + Math.round(3 * Math.sin(step / 8));
      await Promise.all(
        Array.from({ length: burst }, (_, i) => fetch(`${origin}${routes[(step + i) % routes.length]!()}`, { headers: { Authorization: `Bearer ${key}` } }).then((r) => r.arrayBuffer())),
      );
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
  };
  const done = loop();
  return async () => {
    running = false;
    await done;
  };
}

// The page's DOM, as far as the functions below (which run in the page) use it: this program has no DOM types.
declare const document: { getElementById(id: string): { textContent: string | null; dataset: Record<string, string | undefined> } | null };
declare const sessionStorage: { length: number };

/** Waits, in the page, until a chart holds at least `count` points (functions, not strings: the CSP forbids eval). */
const chartHas = (tab: Page, chart: string, count: number, timeout?: number) =>
  tab.waitForFunction(([id, atLeast]) => Number(document.getElementById(id)?.dataset.points ?? 0) >= atLeast, [chart, count] as const, { timeout });
const waitLive = (tab: Page) => tab.waitForFunction(() => document.getElementById('status')?.textContent === 'live');
const points = async (tab: Page, chart: string): Promise<number> => Number((await tab.getAttribute(`#${chart}`, 'data-points')) ?? 0);

describe('the /dashboard page in a real browser (headless Chromium)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let browser: Browser;
  let origin: string;
  let reader: string;
  let stopTraffic: () => Promise<void>;

  beforeAll(async () => {
    db = await testDatabase();
    app = await bootApp({ DATABASE_URL: db.url, MONITORING_STREAM_INTERVAL_MS: '250', RATE_LIMIT_ANONYMOUS: '100000' }, [FixturesController]);
    origin = `http://127.0.0.1:${((app.getHttpServer() as Server).address() as AddressInfo).port}`;
    reader = await issueApiKey(app, { scopes: [Scope.MONITORING_READ], tier: Tier.ENTERPRISE, name: 'dashboard viewer' });
    await app.get(RuntimeSampler).sample();
    stopTraffic = startTraffic(origin, reader);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await stopTraffic?.();
    await browser?.close();
    await app?.close();
    await db?.drop();
  });

  /** A fresh tab at 1280×900 that records console errors (CSP violations are reported there) and request URLs. */
  async function openDashboard(): Promise<{ context: BrowserContext; tab: Page; errors: string[]; urls: string[]; streamAuth: string[] }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
    const tab = await context.newPage();
    const errors: string[] = [];
    const urls: string[] = [];
    const streamAuth: string[] = [];
    tab.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    tab.on('pageerror', (error) => errors.push(error.message));
    tab.on('request', (sent) => {
      urls.push(sent.url());
      if (new URL(sent.url()).pathname === '/v1/monitoring/stream') {
        streamAuth.push(sent.headers().authorization ?? '');
      }
    });
    const response = await tab.goto(`${origin}/dashboard`, { waitUntil: 'load' });
    const csp = response!.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    return { context, tab, errors, urls, streamAuth };
  }

  describe('GET /dashboard', () => {
    it('asks for a key, then draws live charts from the authenticated stream under a strict CSP', async () => {
      const { context, tab, errors, urls, streamAuth } = await openDashboard();
      // The public shell holds no data: nothing is shown until a credential is given.
      expect(await tab.isVisible('#sign-in-form')).toBe(true);
      expect(await tab.isVisible('#board')).toBe(false);

      await tab.fill('#credential', reader);
      await tab.click('#sign-in-form button[type=submit]');
      await waitLive(tab);
      await chartHas(tab, 'chart-rps', 3);
      const before = await points(tab, 'chart-rps');
      await chartHas(tab, 'chart-rps', before + 4);
      expect(await points(tab, 'chart-rps')).toBeGreaterThanOrEqual(before + 4);
      expect(await points(tab, 'chart-latency')).toBeGreaterThanOrEqual(before + 4);
      expect(Number(await tab.textContent('#stat-rps'))).toBeGreaterThan(0);
      expect(await tab.textContent('#stat-p95')).toMatch(/^\d+(\.\d)? ms$/);
      expect(await tab.textContent('#routes')).toContain('/fixtures/slow');
      expect(await tab.textContent('#alerts')).toBe('none');
      expect(await tab.textContent('#gpu')).toBe('no GPU');

      // GPUs report through push ingest; the panel picks them up on the next tick.
      const agent = await issueApiKey(app, { scopes: [Scope.GPU_INGEST], tier: Tier.ENTERPRISE, name: 'gpu agent' });
      const pushed = await fetch(`${origin}/v1/gpu/samples`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${agent}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ devices: FLEET_DEVICES, samples: fleetSamples(Date.now()) }),
      });
      expect(pushed.status).toBe(202);
      await tab.waitForFunction(() => document.getElementById('gpu')?.textContent !== 'no GPU');
      expect(await tab.textContent('#gpu')).toBe('3 GPUs · 21 % busy (max 40 %) · 13.0 GiB used');

      // The credential went in a header, never in a URL.
      expect(streamAuth).toContain(`Bearer ${reader}`);
      expect(urls.filter((url) => url.includes(reader))).toEqual([]);
      expect(urls.every((url) => url.startsWith(origin))).toBe(true);
      expect(errors).toEqual([]);

      // Let the five-minute history fill a little more, so the picture in the README shows a shape.
      await chartHas(tab, 'chart-rps', 48, 25_000);
      mkdirSync(dirname(SCREENSHOT), { recursive: true });
      await tab.screenshot({ path: SCREENSHOT });
      expect(errors).toEqual([]);
      await context.close();
    });

    it('reconnects after a reload from the key kept in this tab session', async () => {
      const { context, tab, errors } = await openDashboard();
      await tab.fill('#credential', reader);
      await tab.click('#sign-in-form button[type=submit]');
      await waitLive(tab);
      await tab.reload({ waitUntil: 'load' });
      await chartHas(tab, 'chart-rps', 2);
      expect(await tab.isVisible('#sign-in-form')).toBe(false);
      await tab.click('#sign-out');
      expect(await tab.isVisible('#sign-in-form')).toBe(true);
      expect(await tab.evaluate(() => sessionStorage.length)).toBe(0);
      expect(errors).toEqual([]);
      await context.close();
    });

    it('shows why a key without monitoring:read is refused and forgets it', async () => {
      const other = await issueApiKey(app, { scopes: [Scope.CDN_READ], name: 'not monitoring' });
      const { context, tab } = await openDashboard();
      await tab.fill('#credential', other);
      await tab.click('#sign-in-form button[type=submit]');
      await tab.waitForSelector('#sign-in-error:not([hidden])');
      expect(await tab.textContent('#sign-in-error')).not.toBe('');
      expect(await tab.isVisible('#board')).toBe(false);
      expect(await tab.evaluate(() => sessionStorage.length)).toBe(0);
      await context.close();
    });
  });
});
