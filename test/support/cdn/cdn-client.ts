import type { INestApplication } from '@nestjs/common';
import { request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';

export interface UploadFile {
  name: string;
  body: Buffer | string;
  contentType: string;
}

export interface AssetBody {
  id: string;
  name: string;
  kind: string;
  status: string;
  contentHash: string;
  failureReason: string | null;
  originalBytes: number;
  optimizedBytes: number | null;
  tags: string[];
  urls: { immutable: string; alias: string };
  job: { id: string; status: string; events: string } | null;
  variants?: { variant: string; encoding: string; contentType: string; width: number | null; bytes: number }[];
}

/** Uploads through the real multipart endpoint. */
export function upload(app: INestApplication, auth: Record<string, string>, file: UploadFile, tags?: string): request.Test {
  const call = request(app.getHttpServer()).post('/v1/assets').set(auth);
  if (tags !== undefined) {
    call.field('tags', tags);
  }
  return call.attach('file', Buffer.isBuffer(file.body) ? file.body : Buffer.from(file.body), { filename: file.name, contentType: file.contentType });
}

/** Polls the asset until its optimisation job has settled it (ready or failed). */
export async function waitSettled(app: INestApplication, auth: Record<string, string>, id: string, timeoutMs = 60_000): Promise<AssetBody> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await request(app.getHttpServer()).get(`/v1/assets/${id}`).set(auth);
    const asset = response.body as AssetBody;
    if (response.status === 200 && asset.status !== 'processing') {
      return asset;
    }
    if (Date.now() > deadline) {
      throw new Error(`asset ${id} still ${asset.status} after ${timeoutMs} ms`);
    }
    await sleep(200);
  }
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A request over node:http, so the body arrives exactly as sent (no client-side decompression). */
export function rawRequest(app: INestApplication, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
  const server = app.getHttpServer() as Server;
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const call = httpRequest({ host: '127.0.0.1', port, path, method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    call.on('error', reject);
    call.end();
  });
}
