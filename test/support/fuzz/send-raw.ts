import { Agent, request, type IncomingHttpHeaders } from 'node:http';

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** Set when the response was a stream that never ends (SSE): only its headers were read. */
  streamAborted: boolean;
}

export interface RawRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });
const TIMEOUT_MS = 20_000;

/**
 * Sends exactly the request given (no client-side encoding or validation of the path) over node:http, so encoded
 * slashes, bad escapes and odd headers reach the server as written. Event streams are cut after their headers.
 */
export function sendRaw(origin: URL, raw: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        agent,
        host: origin.hostname,
        port: origin.port,
        method: raw.method,
        path: raw.path,
        headers: { ...raw.headers, ...(raw.body ? { 'content-length': String(raw.body.length) } : {}) },
        timeout: TIMEOUT_MS,
      },
      (response) => {
        const status = response.statusCode ?? 0;
        if (String(response.headers['content-type']).startsWith('text/event-stream')) {
          response.destroy();
          outgoing.destroy();
          resolve({ status, headers: response.headers, body: '', streamAborted: true });
          return;
        }
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status, headers: response.headers, body: Buffer.concat(chunks).toString('utf8'), streamAborted: false }));
        response.on('error', reject);
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no response within ${TIMEOUT_MS} ms`)));
    outgoing.on('error', reject);
    outgoing.end(raw.body);
  });
}

export function closeRawAgent(): void {
  agent.destroy();
}
