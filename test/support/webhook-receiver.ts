import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';

import { waitFor } from './wait-for.js';

/** One request the receiver got, as it arrived. */
export interface ReceivedWebhook {
  method: string;
  /** Path and query, e.g. `/webhook/slack`. */
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
  /** The status the receiver answered with; undefined while unanswered (and for stalled requests). */
  answeredWith?: number;
}

/**
 * A local HTTP receiver on loopback for alert notifications (Alertmanager webhook, Slack, Discord): records every
 * request and answers 200 unless told otherwise. Loopback is refused by the notifiers' SSRF check, so tests list
 * `127.0.0.1` in MONITORING_WEBHOOK_ALLOWLIST.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private readonly server: Server;
  private answer: { status: number; body: string; headers: Record<string, string> } = { status: 200, body: 'ok', headers: {} };
  private stalls = 0;

  private constructor() {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  static async start(): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver();
    receiver.server.listen(0, '127.0.0.1');
    await new Promise((resolve) => receiver.server.once('listening', resolve));
    return receiver;
  }

  /** `http://127.0.0.1:<port>/webhook`; any path under the port is accepted too (`urlFor('/slack')`). */
  get url(): string {
    return this.urlFor('/webhook');
  }

  urlFor(path: string): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
  }

  /** Answers every following request with this status, body and headers (recorded all the same). */
  respondWith(status: number, body = '', headers: Record<string, string> = {}): void {
    this.answer = { status, body, headers };
  }

  /** The next `count` requests are recorded but never answered, so the sender's timeout has to end them. */
  stallNext(count: number): void {
    this.stalls = count;
  }

  /** Resolves once `count` requests have arrived (alerts are sent in the background in e2e tests). */
  async waitFor(count: number, limitMs = 10_000): Promise<ReceivedWebhook[]> {
    await waitFor(() => this.received.length >= count, `${count} webhook request(s)`, limitMs);
    return this.received;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const parts: Buffer[] = [];
    for await (const part of req) {
      parts.push(part as Buffer);
    }
    const body = Buffer.concat(parts).toString('utf8');
    const received: ReceivedWebhook = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body, json: parseJson(body) };
    this.received.push(received);
    if (this.stalls > 0) {
      this.stalls -= 1;
      return;
    }
    received.answeredWith = this.answer.status;
    res.writeHead(this.answer.status, { 'content-type': 'text/plain', ...this.answer.headers }).end(this.answer.body);
  }
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}
