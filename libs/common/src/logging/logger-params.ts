import type { AppConfig } from '@app/config';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import { pino } from 'pino';

import { assignRequestId } from '../http/request-id.js';
import { withLazyChildren } from './lazy-children.js';
import { REDACTED, REDACTED_LOG_PATHS } from './redact.js';

const QUIET_PATHS = ['/health/', '/metrics'];

function levelFor(_req: IncomingMessage, res: ServerResponse, err?: Error): 'error' | 'warn' | 'info' {
  if (err || res.statusCode >= 500) {
    return 'error';
  }
  return res.statusCode >= 400 ? 'warn' : 'info';
}

/** nestjs-pino options: JSON lines, request id as `req.id`, credentials redacted, probes not logged. */
export function loggerParams(config: AppConfig): Params {
  return {
    pinoHttp: {
      logger: withLazyChildren(pino({ level: config.logging.level, redact: { paths: REDACTED_LOG_PATHS, censor: REDACTED } })),
      genReqId: (req, res) => (req as IncomingMessage & { id?: string }).id ?? assignRequestId(req, res),
      autoLogging: config.logging.requests
        ? { ignore: (req) => QUIET_PATHS.some((path) => (req.url ?? '').startsWith(path)) }
        : false,
      customLogLevel: levelFor,
      quietReqLogger: true,
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url.split('?')[0] }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    },
  };
}
