import { Injectable } from '@nestjs/common';

export interface FetchedText {
  status: number;
  body: string;
}

/** The port to an HTTP metrics endpoint (dcgm-exporter); tests point it at a local node:http server. */
export abstract class MetricsFetcher {
  abstract fetchText(url: string, timeoutMs: number, maxBytes: number): Promise<FetchedText>;
}

/** GET with a deadline over the whole exchange (headers and body) and a bounded body. */
@Injectable()
export class HttpMetricsFetcher extends MetricsFetcher {
  async fetchText(url: string, timeoutMs: number, maxBytes: number): Promise<FetchedText> {
    const response = await fetch(url, { headers: { accept: 'text/plain' }, redirect: 'error', signal: AbortSignal.timeout(timeoutMs) });
    const declared = Number(response.headers.get('content-length') ?? '0');
    if (declared > maxBytes) {
      await response.body?.cancel();
      throw new Error(`response of ${declared} bytes exceeds ${maxBytes}`);
    }
    const body = await response.text();
    if (Buffer.byteLength(body) > maxBytes) {
      throw new Error(`response exceeds ${maxBytes} bytes`);
    }
    return { status: response.status, body };
  }
}
