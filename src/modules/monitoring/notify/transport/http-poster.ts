import { Injectable } from '@nestjs/common';
import { type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { type LookupFunction } from 'node:net';

import type { ResolvedAddress } from '../target/host-resolver.js';

export interface HttpPostRequest {
  url: URL;
  /** Checked addresses of the URL's host: the connection goes to these and nowhere else. */
  addresses: readonly ResolvedAddress[];
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

export interface HttpPostResponse {
  status: number;
  /** The first bytes of the answer, for a short error reason; the rest is read and dropped. */
  body: string;
}

/** Posts one request to a receiver; rejects when no answer comes (refused, reset, timed out). */
export abstract class HttpPoster {
  abstract post(request: HttpPostRequest): Promise<HttpPostResponse>;
}

const MAX_BODY_KEPT = 4096;

/**
 * node:http(s) rather than fetch, for two safety reasons fetch cannot give without undici's Agent: the socket
 * connects to the addresses the SSRF check approved (a `lookup` that answers only those, so a DNS rebinding between
 * check and connect changes nothing, while TLS still verifies the certificate against the hostname), and redirects
 * are never followed (a 30x to 169.254.169.254 is just a failed delivery).
 */
@Injectable()
export class NodeHttpPoster extends HttpPoster {
  post(request: HttpPostRequest): Promise<HttpPostResponse> {
    const send = request.url.protocol === 'https:' ? httpsRequest : httpRequest;
    const body = Buffer.from(request.body, 'utf8');
    return new Promise((resolve, reject) => {
      const outgoing = send(
        request.url,
        {
          method: 'POST',
          headers: { ...request.headers, 'content-length': String(body.length) },
          lookup: pinnedLookup(request.addresses),
          signal: AbortSignal.timeout(request.timeoutMs),
          // A one-off agent: pooled sockets would outlive the check they were made under.
          agent: false,
        },
        (response) => {
          readKept(response).then((text) => resolve({ status: response.statusCode ?? 0, body: text }), reject);
        },
      );
      outgoing.once('error', reject);
      outgoing.end(body);
    });
  }
}

/** A `lookup` that answers from the checked addresses only (Node asks with `all` when it races IPv4 and IPv6). */
export function pinnedLookup(addresses: readonly ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
    const candidates: LookupAddress[] = addresses.filter((entry) => !family || entry.family === family);
    const [first] = candidates;
    if (!first) {
      callback(Object.assign(new Error('no checked address of the requested family'), { code: 'ENOTFOUND' }), '');
    } else if (options.all) {
      callback(null, candidates);
    } else {
      callback(null, first.address, first.family);
    }
  };
}

async function readKept(response: IncomingMessage): Promise<string> {
  const kept: Buffer[] = [];
  let size = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    if (size < MAX_BODY_KEPT) {
      kept.push(chunk);
      size += chunk.length;
    }
  }
  return Buffer.concat(kept).subarray(0, MAX_BODY_KEPT).toString('utf8');
}
