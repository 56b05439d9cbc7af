import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';

import { SignatureV4 } from '@smithy/signature-v4';
import { XMLParser } from 'fast-xml-parser';

const NS = 'http://cloudfront.amazonaws.com/doc/2020-05-31/';
const PATH = /^\/2020-05-31\/distribution\/([A-Z0-9]+)\/invalidation$/;
const AUTH = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/us-east-1\/cloudfront\/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=[a-f0-9]{64}$/;

export interface CloudFrontApiServerOptions {
  distributionId: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/** One created invalidation, as the server stored it. */
export interface CloudFrontInvalidation {
  id: string;
  callerReference: string;
  paths: string[];
  createTime: string;
}

type Simulated = 'TooManyInvalidationsInProgress' | 'Throttling' | 'SlowDown' | 'ServiceUnavailable';

/**
 * A local imitation of CloudFront's REST-XML `CreateInvalidation`: verifies the SigV4 signature with the
 * configured key, validates the InvalidationBatch, dedupes by CallerReference like CloudFront, and can answer with
 * the errors CloudFront uses to push back.
 */
export class CloudFrontApiServer {
  /** Every invalidation created, in order (a repeated CallerReference adds nothing). */
  readonly invalidations: CloudFrontInvalidation[] = [];
  /** Every request that passed authentication, created or not. */
  requests = 0;
  private readonly server: Server;
  private simulated: { error: Simulated; count: number } | null = null;
  private readonly parser = new XMLParser({ isArray: (name) => name === 'Path', parseTagValue: false });

  private constructor(private readonly options: CloudFrontApiServerOptions) {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  static async start(options: CloudFrontApiServerOptions): Promise<CloudFrontApiServer> {
    const instance = new CloudFrontApiServer(options);
    instance.server.listen(0, '127.0.0.1');
    await new Promise((resolve) => instance.server.once('listening', resolve));
    return instance;
  }

  get endpoint(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The next `count` authenticated calls fail with `error`. */
  simulate(error: Simulated, count = 1): void {
    this.simulated = { error, count };
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const distributionId = PATH.exec(req.url ?? '')?.[1];
    if (req.method !== 'POST' || !distributionId) {
      return error(res, 404, 'NotFound', 'No such operation');
    }
    if (!(await this.signatureValid(req, body))) {
      return error(res, 403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
    }
    this.requests += 1;
    if (distributionId !== this.options.distributionId) {
      return error(res, 404, 'NoSuchDistribution', 'The specified distribution does not exist.');
    }
    if (this.simulated && this.simulated.count > 0) {
      this.simulated.count -= 1;
      return this.answerSimulated(res, this.simulated.error);
    }
    const batch = this.readBatch(body);
    if (typeof batch === 'string') {
      return error(res, 400, batch.startsWith('Inconsistent') ? 'InconsistentQuantities' : 'InvalidArgument', batch);
    }
    this.create(res, batch);
  }

  private create(res: ServerResponse, batch: { callerReference: string; paths: string[] }): void {
    const earlier = this.invalidations.find((item) => item.callerReference === batch.callerReference);
    if (earlier && earlier.paths.join('\n') !== batch.paths.join('\n')) {
      return error(res, 409, 'InvalidationBatchAlreadyExists', 'The CallerReference is already used by another invalidation batch.');
    }
    const invalidation = earlier ?? {
      id: `I${randomBytes(7).toString('hex').toUpperCase()}`,
      createTime: new Date().toISOString(),
      ...batch,
    };
    if (!earlier) {
      this.invalidations.push(invalidation);
    }
    res.writeHead(201, {
      'content-type': 'text/xml',
      location: `https://cloudfront.amazonaws.com/2020-05-31/distribution/${this.options.distributionId}/invalidation/${invalidation.id}`,
    });
    res.end(invalidationXml(invalidation));
  }

  private answerSimulated(res: ServerResponse, simulated: Simulated): void {
    switch (simulated) {
      case 'TooManyInvalidationsInProgress':
        return error(res, 400, simulated, 'Processing your request will cause you to exceed the maximum number of in-progress wildcard invalidations.');
      case 'Throttling':
        return error(res, 400, simulated, 'Rate exceeded');
      case 'SlowDown':
        return error(res, 503, simulated, 'Please reduce your request rate.');
      case 'ServiceUnavailable':
        return error(res, 500, 'ServiceUnavailable', 'CloudFront is unable to process the request right now.');
    }
  }

  /** The batch, or why CloudFront would refuse it. */
  private readBatch(body: string): { callerReference: string; paths: string[] } | string {
    let parsed: { InvalidationBatch?: { CallerReference?: string; Paths?: { Quantity?: string; Items?: { Path?: string[] } } } };
    try {
      parsed = this.parser.parse(body, true);
    } catch {
      return 'Malformed XML';
    }
    const batch = parsed.InvalidationBatch;
    const callerReference = batch?.CallerReference ?? '';
    const paths = batch?.Paths?.Items?.Path ?? [];
    if (!callerReference) {
      return 'CallerReference is required';
    }
    if (Number(batch?.Paths?.Quantity) !== paths.length) {
      return 'Inconsistent quantities: Quantity does not match the number of Items';
    }
    if (paths.length === 0) {
      return 'At least one path is required';
    }
    const bad = paths.find((path) => !path.startsWith('/') || path.slice(0, -1).includes('*') || /[\s\u0080-\uffff]/.test(path));
    return bad === undefined ? { callerReference, paths } : `Invalid path: ${bad}`;
  }

  /** Recomputes the SigV4 signature over the headers the client signed and compares it with the one sent. */
  private async signatureValid(req: IncomingMessage, body: string): Promise<boolean> {
    const [, keyId, day, signedList] = AUTH.exec(req.headers.authorization ?? '') ?? [];
    const amzDate = req.headers['x-amz-date'];
    if (keyId !== this.options.accessKeyId || !day || !signedList || typeof amzDate !== 'string' || !amzDate.startsWith(day)) {
      return false;
    }
    const signedHeaders = signedList.split(';');
    const headers = Object.fromEntries(signedHeaders.map((name) => [name, String(req.headers[name] ?? '')]));
    const { hostname, port } = new URL(`http://${req.headers.host}`);
    const signer = new SignatureV4({
      credentials: { accessKeyId: this.options.accessKeyId, secretAccessKey: this.options.secretAccessKey },
      region: 'us-east-1',
      service: 'cloudfront',
      sha256: Sha256,
    });
    const signed = await signer.sign(
      { method: 'POST', protocol: 'http:', hostname, port: Number(port), path: req.url ?? '/', query: {}, headers, body },
      { signingDate: parseAmzDate(amzDate), signableHeaders: new Set(signedHeaders) },
    );
    return signed.headers.authorization === req.headers.authorization;
  }
}

/** The hash constructor SignatureV4 expects, on node:crypto: an HMAC when given a secret. */
class Sha256 {
  private hash;
  constructor(private readonly secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = this.fresh();
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(toBuffer(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
  reset(): void {
    this.hash = this.fresh();
  }
  private fresh() {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', toBuffer(this.secret));
  }
}

function toBuffer(data: string | ArrayBuffer | ArrayBufferView): Buffer {
  if (typeof data === 'string') {
    return Buffer.from(data, 'utf8');
  }
  return ArrayBuffer.isView(data) ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : Buffer.from(data);
}

function parseAmzDate(value: string): Date {
  return new Date(value.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));
}

function invalidationXml(invalidation: CloudFrontInvalidation): string {
  const items = invalidation.paths.map((path) => `<Path>${escapeXml(path)}</Path>`).join('');
  return (
    `<?xml version="1.0" encoding="UTF-8"?><Invalidation xmlns="${NS}"><Id>${invalidation.id}</Id><Status>InProgress</Status>` +
    `<CreateTime>${invalidation.createTime}</CreateTime><InvalidationBatch><Paths><Quantity>${invalidation.paths.length}</Quantity>` +
    `<Items>${items}</Items></Paths><CallerReference>${escapeXml(invalidation.callerReference)}</CallerReference>` +
    `</InvalidationBatch></Invalidation>`
  );
}

function error(res: ServerResponse, status: number, code: string, message: string): void {
  res.writeHead(status, { 'content-type': 'text/xml', 'x-amzn-requestid': randomBytes(8).toString('hex') });
  res.end(
    `<?xml version="1.0"?><ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>${code}</Code>` +
      `<Message>${escapeXml(message)}</Message></Error><RequestId>${randomBytes(8).toString('hex')}</RequestId></ErrorResponse>`,
  );
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of req) {
    parts.push(part as Buffer);
  }
  return Buffer.concat(parts).toString('utf8');
}
