import type { INestApplication } from '@nestjs/common';
import { request as httpRequest, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';

import type { AnswerLike } from './problem.js';

/** What came back on the socket, split at the blank line; `headers` keeps names lower-cased and repeats. */
export interface RawHttpAnswer {
  status: number;
  head: string;
  headers: Array<[string, string]>;
  body: string;
}

/**
 * Writes `bytes` to the app's port as they are (nothing a client library would refuse to send) and reads the
 * answer until the server closes the connection.
 */
export function sendRaw(app: INestApplication, bytes: string | Buffer): Promise<RawHttpAnswer> {
  const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect({ host: '127.0.0.1', port }, () => socket.end(bytes));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(parseAnswer(Buffer.concat(chunks).toString('latin1'))));
  });
}

function parseAnswer(text: string): RawHttpAnswer {
  const end = text.indexOf('\r\n\r\n');
  const head = end === -1 ? text : text.slice(0, end);
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers = lines.map((line): [string, string] => {
    const colon = line.indexOf(':');
    return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()];
  });
  return { status: Number(statusLine.split(' ')[1] ?? 0), head, headers, body: end === -1 ? '' : text.slice(end + 4) };
}

/**
 * POSTs `body` byte for byte (supertest would JSON-encode a Buffer sent as application/json), for bodies whose
 * Content-Encoding the client set itself.
 */
export function postBytes(app: INestApplication, path: string, headers: Record<string, string>, body: Buffer): Promise<AnswerLike> {
  const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const call = httpRequest({ host: '127.0.0.1', port, path, method: 'POST', headers: { ...headers, 'content-length': String(body.length) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: response.statusCode ?? 0, headers: response.headers as AnswerLike['headers'], text, body: parseJson(text) });
      });
    });
    // The server may answer 413 and close before the whole body is written.
    call.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
    call.end(body);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
