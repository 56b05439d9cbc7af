import type { Response } from 'supertest';

/** A supertest `.parse()` that keeps the body as the exact bytes received (a Buffer), whatever the content type. */
export function binaryBody(response: Response, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => done(null, Buffer.concat(chunks)));
}
