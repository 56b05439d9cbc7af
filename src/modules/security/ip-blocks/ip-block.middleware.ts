import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

import { SecurityException, SecurityExceptionCode } from '../security.exception.js';
import { IpBlockList } from './ip-block-list.service.js';
import { IpBlocksMetrics } from './ip-blocks.metrics.js';
import { requestIpOf } from './request-ip.util.js';

/**
 * Refuses blocked clients before anything else in Nest runs (guards, authentication included): one hash lookup
 * per distinct prefix length. The answer names no reason, so an attacker learns nothing about the rule.
 */
@Injectable()
export class IpBlockMiddleware implements NestMiddleware {
  constructor(
    private readonly list: IpBlockList,
    private readonly metrics: IpBlocksMetrics,
  ) {}

  use(request: Request, _response: Response, next: NextFunction): void {
    if (this.list.isBlocked(requestIpOf(request))) {
      this.metrics.requestRejected();
      throw new SecurityException(SecurityExceptionCode.IP_BLOCKED, 'Requests from your address are blocked.');
    }
    next();
  }
}
