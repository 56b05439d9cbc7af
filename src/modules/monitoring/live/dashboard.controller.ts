import { Public } from '@app/common';
import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';

import { DashboardAssets, type DashboardAsset } from './dashboard-assets.service.js';

/**
 * Stricter than the app-wide helmet policy: only same-origin scripts, styles and connections, no inline code of any
 * kind, nothing else loaded. No `upgrade-insecure-requests`: every URL the page uses is relative, so there is nothing
 * to upgrade, and on a plain-HTTP internal address it would break the page.
 */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * `/dashboard`: a public page shell that holds no data. It asks for a credential and reads everything from the
 * authenticated stream (GET /v1/monitoring/stream); see public/dashboard.js for why it uses fetch, not EventSource.
 */
@ApiExcludeController()
@Public()
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly assets: DashboardAssets) {}

  @Get()
  page(@Req() request: Request, @Res() response: Response): void {
    this.send(request, response, this.assets.getOrThrow('index.html'));
  }

  @Get('assets/:name')
  asset(@Param('name') name: string, @Req() request: Request, @Res() response: Response): void {
    this.send(request, response, this.assets.getOrThrow(name));
  }

  private send(request: Request, response: Response, asset: DashboardAsset): void {
    response.setHeader('Content-Security-Policy', DASHBOARD_CSP);
    // Unversioned URLs: revalidate every time (a 304 costs little) so an upgrade never leaves a stale script behind.
    response.setHeader('Cache-Control', 'no-cache');
    response.setHeader('ETag', asset.etag);
    if (request.headers['if-none-match'] === asset.etag) {
      response.status(304).end();
      return;
    }
    response.status(200).type(asset.contentType).send(asset.body);
  }
}
