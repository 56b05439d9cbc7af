import { Injectable, type OnModuleInit } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

import { MonitoringException, MonitoringExceptionCode } from '../monitoring.exception.js';

export interface DashboardAsset {
  body: Buffer;
  contentType: string;
  etag: string;
}

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

// The page's own files sit beside this one (nest-cli.json copies them into dist); uPlot comes from its package, so
// the page never loads code from another origin.
const own = (name: string): string => fileURLToPath(new URL(`./public/${name}`, import.meta.url));
const uplot = (name: string): string => createRequire(import.meta.url).resolve(`uplot/dist/${name}`);

/** Every file the dashboard may load, by the name in its URL: nothing else on disk can be reached through it. */
const FILES: Record<string, { path: () => string; contentType: string }> = {
  'index.html': { path: () => own('dashboard.html'), contentType: 'text/html; charset=utf-8' },
  'dashboard.js': { path: () => own('dashboard.js'), contentType: JS },
  'sse-reader.js': { path: () => own('sse-reader.js'), contentType: JS },
  'dashboard.css': { path: () => own('dashboard.css'), contentType: CSS },
  'uPlot.iife.min.js': { path: () => uplot('uPlot.iife.min.js'), contentType: JS },
  'uPlot.min.css': { path: () => uplot('uPlot.min.css'), contentType: CSS },
};

/** The dashboard's static files, read once at startup (a few kB plus uPlot) and served from memory with ETags. */
@Injectable()
export class DashboardAssets implements OnModuleInit {
  private readonly assets = new Map<string, DashboardAsset>();

  async onModuleInit(): Promise<void> {
    for (const [name, file] of Object.entries(FILES)) {
      const body = await readFile(file.path());
      const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
      this.assets.set(name, { body, contentType: file.contentType, etag });
    }
  }

  getOrThrow(name: string): DashboardAsset {
    const asset = this.assets.get(name);
    if (asset === undefined) {
      throw new MonitoringException(MonitoringExceptionCode.DASHBOARD_ASSET_NOT_FOUND, 'The dashboard has no such file.');
    }
    return asset;
  }
}
