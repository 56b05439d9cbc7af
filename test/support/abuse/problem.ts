import type { Response } from 'supertest';

/** What a problem check reads of an answer: supertest's, or one read off a raw socket (see raw-http.ts). */
export type AnswerLike = Pick<Response, 'status' | 'headers' | 'body' | 'text'>;

/** A refusal done right: the status, problem+json with the code, the request id, and no stack trace. */
export function expectProblem(response: AnswerLike, status: number, code?: string): void {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.headers['x-request-id']).toBeDefined();
  expect(response.body).toMatchObject({ status, ...(code === undefined ? {} : { code }) });
  expect(response.text).not.toMatch(/\bat .+\.(js|ts):\d+/);
}
