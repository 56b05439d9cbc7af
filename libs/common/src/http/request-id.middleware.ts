import type { NextFunction, Request, Response } from 'express';

import { assignRequestId } from './request-id.js';

/** First in the pipeline: every response, errors and 404s included, carries `X-Request-Id`. */
export function requestIdMiddleware(req: Request, res: Response, next: NextFunction): void {
  (req as Request & { id: string }).id = assignRequestId(req, res);
  next();
}
