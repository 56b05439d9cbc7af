import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { waitFor } from '../wait-for.js';

export interface AlertPayload {
  version: string;
  status: 'firing' | 'resolved';
  receiver: string;
  groupKey: string;
  groupLabels: Record<string, string>;
  commonLabels: Record<string, string>;
  alerts: Array<{ status: string; labels: Record<string, string>; annotations: Record<string, string>; startsAt: string; endsAt: string; fingerprint: string; generatorURL: string }>;
}

export interface ReceivedAlert {
  headers: IncomingHttpHeaders;
  payload: AlertPayload;
  /** The status the receiver answered with: only a 2xx counts as delivered. */
  answered: number;
}

/**
 * A real HTTP receiver on loopback that records Alertmanager webhook payloads and answers 200 (or what it is told).
 * Kept to what these tests need; the notify tests' receiver (test/support/webhook-receiver.ts) can replace it.
 */
export class AlertReceiver {
  readonly received: ReceivedAlert[] = [];
  private status = 200;

  private constructor(private readonly server: Server) {}

  static async start(): Promise<AlertReceiver> {
    const server = createServer();
    const receiver = new AlertReceiver(server);
    server.on('request', (req, res) => {
      const parts: Buffer[] = [];
      req.on('data', (part: Buffer) => parts.push(part));
      req.on('end', () => {
        receiver.received.push({ headers: req.headers, payload: JSON.parse(Buffer.concat(parts).toString('utf8')) as AlertPayload, answered: receiver.status });
        res.writeHead(receiver.status).end();
      });
    });
    server.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/alerts`;
  }

  respondWith(status: number): void {
    this.status = status;
  }

  /** The payloads about one rule's group (its alertname) that were accepted, oldest first. */
  about(alertname: string): AlertPayload[] {
    return this.received.filter((r) => r.answered < 300).map((r) => r.payload).filter((p) => p.groupLabels.alertname === alertname);
  }

  /** Every request about one group, refused ones included. */
  attempts(alertname: string): ReceivedAlert[] {
    return this.received.filter((r) => r.payload.groupLabels.alertname === alertname);
  }

  async waitFor(alertname: string, status: 'firing' | 'resolved', count = 1): Promise<AlertPayload[]> {
    await waitFor(() => this.about(alertname).filter((p) => p.status === status).length >= count, `${count} ${status} notification(s) about ${alertname}`, 15_000);
    return this.about(alertname);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
