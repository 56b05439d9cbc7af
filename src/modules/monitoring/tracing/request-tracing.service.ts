import { AppConfig } from '@app/config';
import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { defaultTextMapGetter, ROOT_CONTEXT, SpanKind, SpanStatusCode, type Span, type Tracer } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import type { IncomingMessage } from 'node:http';

import { readPackageInfo } from '../../system/index.js';

/**
 * Opt-in OpenTelemetry: with `MONITORING_OTLP_ENDPOINT` set, one SERVER span per request, continuing the caller's
 * W3C `traceparent`, exported over OTLP/HTTP in batches. Spans are made where requests are timed (the HTTP server's
 * own listener) rather than by auto-instrumentation: in an ES-module app that needs a loader hook registered before
 * the first import, which would make tracing a different way of starting the process instead of a setting.
 */
@Injectable()
export class RequestTracing implements OnApplicationShutdown {
  private readonly provider: TracerProvider | null;
  private readonly tracer: Tracer | null;
  private readonly propagator = new W3CTraceContextPropagator();

  constructor(config: AppConfig) {
    const endpoint = config.monitoring.otlpEndpoint;
    if (endpoint === undefined) {
      this.provider = null;
      this.tracer = null;
      return;
    }
    const { name, version } = readPackageInfo();
    this.provider = new TracerProvider({
      resource: resourceFromAttributes({ 'service.name': name, 'service.version': version }),
      spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: `${endpoint.replace(/\/+$/, '')}/v1/traces` }) })],
    });
    this.tracer = this.provider.getTracer(name, version);
  }

  get enabled(): boolean {
    return this.tracer !== null;
  }

  /** A span for a request that just arrived, child of the caller's span when it sent `traceparent`. */
  start(request: IncomingMessage): Span | undefined {
    if (this.tracer === null) {
      return undefined;
    }
    const parent = this.propagator.extract(ROOT_CONTEXT, request.headers, defaultTextMapGetter);
    const method = request.method ?? 'OTHER';
    return this.tracer.startSpan(
      method,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': method, 'url.path': (request.url ?? '/').split('?', 1)[0] } },
      parent,
    );
  }

  /** Names the span by the route template once routing is known, as the HTTP semantic conventions ask. */
  end(span: Span, method: string, route: string, status: number): void {
    span.updateName(`${method} ${route}`);
    span.setAttribute('http.route', route);
    span.setAttribute('http.response.status_code', status);
    if (status >= 500) {
      span.setStatus({ code: SpanStatusCode.ERROR });
    }
    span.end();
  }

  /** Exports what is buffered (tests and shutdown). */
  async flush(): Promise<void> {
    await this.provider?.forceFlush();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.provider?.shutdown();
  }
}
