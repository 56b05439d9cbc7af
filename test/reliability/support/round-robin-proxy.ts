import { Agent, createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxyStats {
  /** Requests answered per backend port. */
  answeredBy: Map<number, number>;
  /** Requests sent again to another backend because the first refused or reset the connection before answering. */
  retried: number;
  /** Requests no backend answered (502 to the client). */
  failed: number;
}

const HEALTH_INTERVAL_MS = 200;

/**
 * The load balancer in front of the instances, as small as one can be and still behave like one: round-robin over
 * the backends whose /health/ready answers 200 (checked every 200 ms, so an instance draining after SIGTERM leaves
 * the rotation), keep-alive to each, and one retry elsewhere when a backend refuses or resets a connection before it
 * sent any response (the request never reached its handler, so sending it again is safe). With no backend ready it
 * routes to all of them, so that a shared outage (PostgreSQL down) reaches clients as the instances' own 503s.
 */
export class RoundRobinProxy {
  readonly stats: ProxyStats = { answeredBy: new Map(), failed: 0, retried: 0 };
  private readonly ready = new Map<number, boolean>();
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 256 });
  private server: Server | null = null;
  private timer: NodeJS.Timeout | null = null;
  private next = 0;

  constructor(private readonly backends: readonly number[]) {}

  async start(): Promise<number> {
    await this.checkHealth();
    this.timer = setInterval(() => void this.checkHealth(), HEALTH_INTERVAL_MS);
    this.server = createServer((incoming, outgoing) => void this.forward(incoming, outgoing));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer ?? undefined);
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
    this.agent.destroy();
  }

  private async checkHealth(): Promise<void> {
    await Promise.all(
      this.backends.map(async (port) => {
        const response = await fetch(`http://127.0.0.1:${port}/health/ready`, { signal: AbortSignal.timeout(1_000) }).catch(() => null);
        // Degraded (a dependency down) still serves what it can: only "not ready" (draining, starting) leaves the rotation.
        this.ready.set(port, response !== null && response.status !== 503);
      }),
    );
  }

  /** The next ready backend; when none is ready, the next one at all (Envoy's "panic routing": let them answer). */
  private pick(exclude: ReadonlySet<number>): number | undefined {
    const panic = !this.backends.some((port) => this.ready.get(port) === true && !exclude.has(port));
    for (let attempt = 0; attempt < this.backends.length; attempt++) {
      const port = this.backends[this.next++ % this.backends.length]!;
      if ((panic || this.ready.get(port) === true) && !exclude.has(port)) {
        return port;
      }
    }
    return undefined;
  }

  private async forward(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) {
      chunks.push(chunk as Buffer);
    }
    const body = Buffer.concat(chunks);
    const tried = new Set<number>();
    for (let attempt = 0; attempt < 2; attempt++) {
      const port = this.pick(tried);
      if (port === undefined) {
        break;
      }
      tried.add(port);
      if (await this.send(port, incoming, body, outgoing)) {
        this.stats.answeredBy.set(port, (this.stats.answeredBy.get(port) ?? 0) + 1);
        return;
      }
      this.stats.retried += 1;
    }
    this.stats.failed += 1;
    outgoing.writeHead(502, { 'content-type': 'text/plain' }).end('no backend answered');
  }

  /** True once the backend's response is on its way to the client; false when it failed before answering. */
  private send(port: number, incoming: IncomingMessage, body: Buffer, outgoing: ServerResponse): Promise<boolean> {
    return new Promise((resolve) => {
      const headers = { ...incoming.headers, 'content-length': String(body.length) };
      delete headers['transfer-encoding'];
      const upstream = request({ agent: this.agent, headers, host: '127.0.0.1', method: incoming.method, path: incoming.url, port }, (response) => {
        outgoing.writeHead(response.statusCode ?? 502, response.headers);
        response.pipe(outgoing);
        resolve(true);
      });
      upstream.once('error', () => resolve(false));
      upstream.end(body);
    });
  }
}
