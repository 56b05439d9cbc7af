import {
  answerParserErrorsAsProblems,
  JSON_MEDIA_TYPES,
  precomputedHeaders,
  rejectPrototypeKeysInBody,
  requestIdMiddleware,
  restoreFastPrimitivePrototypes,
  verifyJsonBody,
} from '@app/common';
import { AppConfig } from '@app/config';
import { VersioningType, type NestApplicationOptions } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import bodyParser from 'body-parser';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';

import { CdnServingMiddleware } from './modules/cdn/index.js';
import { GPU_INGEST_BODY_LIMIT_BYTES, GPU_SAMPLES_ROUTE } from './modules/gpu/index.js';
import { HttpMetrics, mountHttpMetrics, RequestTracing } from './modules/monitoring/index.js';
import { trustProxySetting } from './modules/security/index.js';
import { readPackageInfo } from './modules/system/package-info.js';

/** Options for `NestFactory.create`, shared by main.ts and the test app factory. */
export const APP_OPTIONS: NestApplicationOptions = { abortOnError: false, bodyParser: false, bufferLogs: true };

function setupOpenApi(app: NestExpressApplication): void {
  const document = new DocumentBuilder()
    .setTitle('Bulwark')
    .setDescription('Platform core: security, caching, pooled Postgres, CDN origin, monitoring and GPU optimisation.')
    .setVersion(readPackageInfo().version)
    .setOpenAPIVersion('3.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key (bwk_…) or a user access token.' })
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, 'X-API-Key')
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, document), {
    jsonDocumentUrl: 'openapi.json',
    yamlDocumentUrl: 'openapi.yaml',
    useGlobalPrefix: false,
  });
}

/**
 * The HTTP pipeline's outer layers, in order: request id, security headers, CORS, body limits. They sit on
 * Express itself so that every response, 404s and parser errors included, carries them. Also used by tests.
 */
export function configureApp(app: NestExpressApplication): NestExpressApplication {
  // Every module is loaded by now, @redis/client's String subclass included (see restoreFastPrimitivePrototypes).
  restoreFastPrimitivePrototypes();
  const config = app.get(AppConfig);
  // req.ip (limits, blocks, audit) follows X-Forwarded-For only through the proxies TRUST_PROXY names: a hop count
  // or CIDRs, never every address; from anyone else the header is ignored.
  app.set('trust proxy', trustProxySetting(config.trustProxy));
  app.useLogger(app.get(Logger));
  const securityHeaders = precomputedHeaders(
    helmet({
      // An API and its docs are never framed: deny it both ways (CSP and the legacy header).
      contentSecurityPolicy: { directives: { frameAncestors: ["'none'"] } },
      frameguard: { action: 'deny' },
    }),
  );
  app.use(requestIdMiddleware);
  app.use(securityHeaders);
  // Public assets answer on the HTTP server ahead of Express, with the request id and these headers; the few /cdn
  // URLs it leaves to Express answer here, before CORS, body parsing and Nest's pipeline (see CdnServingMiddleware).
  const cdn = app.get(CdnServingMiddleware);
  cdn.mount(app, securityHeaders);
  app.use('/cdn', cdn.handle);
  // Outermost: times (and traces, when enabled) every request, assets answered ahead of Express and requests
  // refused before routing too.
  mountHttpMetrics(app.getHttpServer(), {
    metrics: config.monitoring.httpMetrics ? app.get(HttpMetrics) : undefined,
    tracing: app.get(RequestTracing),
  });
  answerParserErrorsAsProblems(app.getHttpServer());
  app.enableCors({
    origin: config.http.corsOrigins.length > 0 ? config.http.corsOrigins : false,
    credentials: true,
    exposedHeaders: ['X-Request-Id', 'Retry-After', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset'],
    maxAge: 600,
  });
  // Push ingest alone takes larger bodies (5,000 samples); the app-wide parser then skips the parsed request.
  // Depth is checked on the raw bytes; prototype keys on the parsed body, and only when its bytes could spell one.
  const json = { type: JSON_MEDIA_TYPES, verify: verifyJsonBody };
  app.use(GPU_SAMPLES_ROUTE, bodyParser.json({ ...json, limit: GPU_INGEST_BODY_LIMIT_BYTES }));
  app.useBodyParser('json', { ...json, limit: config.http.bodyLimitBytes });
  app.use(rejectPrototypeKeysInBody);
  // Flat `a=1&b=2` only (no qs nesting, so no prototype keys); routes still opt in to forms with @Accepts.
  app.useBodyParser('urlencoded', { limit: config.http.bodyLimitBytes, extended: false });
  app.enableVersioning({ type: VersioningType.URI });
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  if (config.http.docsEnabled) {
    setupOpenApi(app);
  }
  return app;
}
