import { Injectable } from '@nestjs/common';

/** The body grew past the limit; the rest was not read. */
export class ResponseTooLargeError extends Error {}

export interface FetchedText {
  status: number;
  body: string;
}

/** The port to an HTTP metrics endpoint (dcgm-exporter); tests point it at a local node:http server. */
export abstract class MetricsFetcher {
  abstract fetchText(url: string, timeoutMs: number, maxBytes: number): Promise<FetchedText>;
}

/** GET with a deadline over the whole exchange (headers and body) and a body read no further than maxBytes. */
@Injectable()
export class HttpMetricsFetcher extends MetricsFetcher {
  async fetchText(url: string, timeoutMs: number, maxBytes: number): Promise<FetchedText> {
    const response = await fetch(url, { headers: { accept: 'text/plain' }, redirect: 'error', signal: AbortSignal.timeout(timeoutMs) });
    if (response.body === null) {
      return { status: response.status, body: '' };
    }
    // undici types the body as ReadableStream<any>; it yields bytes.
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      size += read.value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw new ResponseTooLargeError(`answered more than ${maxBytes} bytes`);
      }
      chunks.push(read.value);
    }
    return { status: response.status, body: Buffer.concat(chunks).toString('utf8') };
  }
}
