import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';

/** What a test configures; the defaults are Cloudflare's documented ones (100 entries per call). */
export interface CloudflareApiServerOptions {
  apiToken: string;
  maxEntriesPerCall?: number;
  /** Accepted calls per window before answering 429, like Cloudflare's per-account token bucket. */
  rateLimit?: { calls: number; windowMs: number };
}

/** One accepted purge call, as the server read it. */
export interface CloudflarePurgeCall {
  zoneId: string;
  body: Record<string, unknown>;
  id: string;
}

const PURGE_KINDS = ['files', 'tags', 'prefixes', 'hosts', 'purge_everything'] as const;
const PATH = /^\/client\/v4\/zones\/([a-f0-9]{32})\/purge_cache$/;

/**
 * A local imitation of Cloudflare's `POST /zones/:zone/purge_cache` that checks each request's shape and answers
 * with the v4 envelope, including authentication, validation and rate-limit errors.
 */
export class CloudflareApiServer {
  readonly calls: CloudflarePurgeCall[] = [];
  private readonly server: Server;
  private failures = 0;
  private stalls = 0;
  private window = { start: 0, count: 0 };

  private constructor(private readonly options: CloudflareApiServerOptions) {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  static async start(options: CloudflareApiServerOptions): Promise<CloudflareApiServer> {
    const instance = new CloudflareApiServer(options);
    instance.server.listen(0, '127.0.0.1');
    await new Promise((resolve) => instance.server.once('listening', resolve));
    return instance;
  }

  /** The base to configure as `apiUrl`. */
  get apiUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/client/v4`;
  }

  /** The next `count` calls answer 502 with an HTML page, as Cloudflare's own front does when the API is down. */
  failNext(count: number): void {
    this.failures = count;
  }

  /** The next `count` calls get no answer at all, so the client's timeout has to end them. */
  stallNext(count: number): void {
    this.stalls = count;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const zoneId = PATH.exec(req.url ?? '')?.[1];
    if (req.method !== 'POST' || !zoneId) {
      return reply(res, 404, failure(7003, 'Could not route to the requested path'));
    }
    if (req.headers.authorization !== `Bearer ${this.options.apiToken}`) {
      return reply(res, 403, failure(10000, 'Authentication error'));
    }
    if (this.stalls > 0) {
      this.stalls -= 1;
      return;
    }
    if (this.failures > 0) {
      this.failures -= 1;
      res.writeHead(502, { 'content-type': 'text/html' }).end('<html><body>502 Bad Gateway</body></html>');
      return;
    }
    const retryAfter = this.rateLimited();
    if (retryAfter !== null) {
      res.setHeader('retry-after', String(retryAfter));
      return reply(res, 429, failure(971, 'Please wait and consider throttling your request speed'));
    }
    const problem = this.validate(req, body);
    if (problem) {
      return reply(res, 400, failure(1012, problem));
    }
    const id = randomBytes(16).toString('hex');
    this.calls.push({ zoneId, body: JSON.parse(body) as Record<string, unknown>, id });
    reply(res, 200, { success: true, errors: [], messages: [], result: { id } });
  }

  /** Seconds until the window frees a call, or null when this call fits. */
  private rateLimited(): number | null {
    const limit = this.options.rateLimit;
    if (!limit) {
      return null;
    }
    const now = Date.now();
    if (now - this.window.start >= limit.windowMs) {
      this.window = { start: now, count: 0 };
    }
    this.window.count += 1;
    return this.window.count > limit.calls ? Math.ceil((this.window.start + limit.windowMs - now) / 1000) : null;
  }

  private validate(req: IncomingMessage, raw: string): string | null {
    if (!req.headers['content-type']?.startsWith('application/json')) {
      return 'Content-Type must be application/json';
    }
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return 'Request body is not valid JSON';
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return 'Request body must be an object';
    }
    const [kind, ...others] = PURGE_KINDS.filter((name) => name in body);
    if (!kind || others.length > 0 || Object.keys(body).length !== 1) {
      return 'Exactly one of files, tags, prefixes, hosts or purge_everything is required';
    }
    return this.validateEntries(kind, (body as Record<string, unknown>)[kind]);
  }

  private validateEntries(kind: (typeof PURGE_KINDS)[number], entries: unknown): string | null {
    if (kind === 'purge_everything') {
      return entries === true ? null : 'purge_everything must be true';
    }
    if (!Array.isArray(entries) || entries.length === 0 || !entries.every((entry) => typeof entry === 'string' && entry !== '')) {
      return `${kind} must be a non-empty array of strings`;
    }
    if (entries.length > (this.options.maxEntriesPerCall ?? 100)) {
      return `Too many ${kind} in one request (limit ${this.options.maxEntriesPerCall ?? 100})`;
    }
    if (kind === 'files' && !entries.every(isHttpUrl)) {
      return 'files must be absolute http(s) URLs';
    }
    if (kind === 'prefixes' && entries.some((entry: string) => /^https?:\/\//.test(entry))) {
      return 'prefixes must not include a scheme';
    }
    return null;
  }
}

function isHttpUrl(value: string): boolean {
  return URL.canParse(value) && ['http:', 'https:'].includes(new URL(value).protocol);
}

function failure(code: number, message: string): object {
  return { success: false, errors: [{ code, message }], messages: [], result: null };
}

function reply(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of req) {
    parts.push(part as Buffer);
  }
  return Buffer.concat(parts).toString('utf8');
}
